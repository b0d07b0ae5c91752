using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.Augmentation;

/// <summary>Mirrors [C, H, W] images left to right with probability <see cref="HorizontalFlipOptions.Probability"/>, as torchvision's <c>RandomHorizontalFlip</c>.</summary>
[Component("horizontal_flip", Description = "Mirror images left to right at random.")]
public sealed class HorizontalFlip(HorizontalFlipOptions options) : IAugmentation
{
    private readonly float _probability = options.Probability;
    private int _rows;
    private int _width;

    public void Prepare(TensorShape sampleShape, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (sampleShape.Rank != 3)
            throw new ArgumentException($"horizontal_flip needs image samples of [channels, height, width]; these are {sampleShape}.");
        _rows = sampleShape[0] * sampleShape[1];
        _width = sampleShape[2];
    }

    public void Apply(Tensor batch, AugmentationContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int size = _rows * _width;
        for (int n = 0; n < batch.BatchSize; n++)
        {
            if (context.Uniform(n) >= _probability) continue;
            Span<float> sample = batch.Buffer.AsSpan(n * size, size);
            for (int r = 0; r < _rows; r++) sample.Slice(r * _width, _width).Reverse();
        }
    }
}
