using NeuralNet.Tensors;

namespace NeuralNet.Data;

/// <summary>An <see cref="ISampleSet"/> over features and targets held in memory, one row per sample.</summary>
public sealed class TensorSampleSet : ISampleSet
{
    public TensorSampleSet(Tensor features, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (features.BatchSize != targets.BatchSize)
            throw new ArgumentException($"{features.BatchSize} feature rows but {targets.BatchSize} target rows.");
        Features = features;
        Targets = targets;
    }

    public Tensor Features { get; }

    public Tensor Targets { get; }

    public int Count => Features.BatchSize;

    public TensorShape FeatureShape => Features.SampleShape;

    public TensorShape TargetShape => Targets.SampleShape;

    public void Read(ReadOnlySpan<int> indices, Span<float> features, Span<float> targets)
    {
        Gather(Features, indices, features);
        Gather(Targets, indices, targets);
    }

    private static void Gather(Tensor source, ReadOnlySpan<int> indices, Span<float> destination)
    {
        int width = source.SampleSize;
        if (destination.Length < indices.Length * width)
            throw new ArgumentException($"{indices.Length} samples of {source.SampleShape} need {indices.Length * width} floats; the destination holds {destination.Length}.");
        float[] buffer = source.Buffer;
        int count = source.BatchSize;
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)count) throw new ArgumentOutOfRangeException(nameof(indices), $"Sample {i} of a set of {count}.");
            buffer.AsSpan(i * width, width).CopyTo(destination.Slice(k * width, width));
        }
    }
}
