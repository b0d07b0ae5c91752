using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.Augmentation;

/// <summary>
/// Random translation of [C, H, W] images, as torchvision's <c>RandomCrop(size, padding)</c>: each sample is padded
/// with <see cref="RandomCropOptions.Padding"/> zeros on every side and an H x W window is cut at a random offset
/// (dy, dx) in [0, 2·Padding]², so content moves by up to Padding pixels and the uncovered border is 0. It runs
/// after normalisation, so 0 is the training mean (for standardised inputs) rather than black.
/// </summary>
[Component("random_crop", Description = "Zero-pad every side, then crop back to the original size at a random offset.")]
public sealed class RandomCrop(RandomCropOptions options) : IAugmentation
{
    private readonly int _padding = options.Padding;
    private float[] _scratch = [];
    private int _channels;
    private int _height;
    private int _width;

    public void Prepare(TensorShape sampleShape, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (sampleShape.Rank != 3)
            throw new ArgumentException($"random_crop needs image samples of [channels, height, width]; these are {sampleShape}.");
        (_channels, _height, _width) = (sampleShape[0], sampleShape[1], sampleShape[2]);
        _scratch = new float[sampleShape.Size];
    }

    public void Apply(Tensor batch, AugmentationContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int size = _channels * _height * _width;
        int span = 2 * _padding + 1;
        for (int n = 0; n < batch.BatchSize; n++)
        {
            int dy = context.Next(2L * n, span) - _padding;
            int dx = context.Next(2L * n + 1, span) - _padding;
            if (dx == 0 && dy == 0) continue;
            Span<float> sample = batch.Buffer.AsSpan(n * size, size);
            sample.CopyTo(_scratch);
            sample.Clear();
            // Output pixel (y, x) takes input (y + dy, x + dx) where that lies inside the image.
            int y0 = Math.Max(0, -dy), y1 = Math.Min(_height, _height - dy);
            int x0 = Math.Max(0, -dx), x1 = Math.Min(_width, _width - dx);
            if (y0 >= y1 || x0 >= x1) continue;
            for (int c = 0; c < _channels; c++)
            {
                int plane = c * _height * _width;
                for (int y = y0; y < y1; y++)
                    _scratch.AsSpan(plane + (y + dy) * _width + x0 + dx, x1 - x0).CopyTo(sample.Slice(plane + y * _width + x0, x1 - x0));
            }
        }
    }
}
