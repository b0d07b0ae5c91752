using NeuralNet.Tensors;

namespace NeuralNet.DataSources.Internal;

/// <summary>The loop the generated sources share: one sample at a time into features and targets allocated once.</summary>
internal static class GeneratedSamples
{
    /// <summary>Writes sample <paramref name="index"/>'s features and targets (the targets arrive zeroed).</summary>
    public delegate void Writer(int index, Span<float> features, Span<float> targets);

    /// <summary>Features <c>[samples, featureCount]</c> and targets <c>[samples, targetCount]</c>, in sample order.</summary>
    public static (Tensor Features, Tensor Targets) Generate(int samples, int featureCount, int targetCount, CancellationToken cancellationToken, Writer write)
    {
        var features = new Tensor(samples, featureCount);
        var targets = new Tensor(samples, targetCount);
        for (int i = 0; i < samples; i++)
        {
            if (i % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
            write(i, features.Buffer.AsSpan(i * featureCount, featureCount), targets.Buffer.AsSpan(i * targetCount, targetCount));
        }
        return (features, targets);
    }
}
