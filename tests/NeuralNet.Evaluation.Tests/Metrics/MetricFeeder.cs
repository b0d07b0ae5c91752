using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Tests.Metrics;

/// <summary>Feeds rows to a metric in several batches of uneven size, through tensors reused as the engine does.</summary>
internal static class MetricFeeder
{
    /// <summary>Batch sizes, cycled: uneven, including a batch of one.</summary>
    public static readonly int[] UnevenBatches = [5, 1, 9, 2, 13];

    /// <summary>Resets <paramref name="metric"/>, feeds every row in batches of <paramref name="batchSizes"/> (cycled), returns the result.</summary>
    public static double Feed(IMetric metric, float[] predictions, float[] targets, int width, int[]? batchSizes = null)
    {
        batchSizes ??= UnevenBatches;
        int rows = targets.Length / width;
        int capacity = batchSizes.Max();
        var p = new Tensor(capacity, width);
        var t = new Tensor(capacity, width);
        metric.Reset();
        int batches = 0;
        for (int start = 0, b = 0; start < rows; b++)
        {
            int size = Math.Min(batchSizes[b % batchSizes.Length], rows - start);
            p.SetBatchSize(size);
            t.SetBatchSize(size);
            predictions.AsSpan(start * width, size * width).CopyTo(p.Span);
            targets.AsSpan(start * width, size * width).CopyTo(t.Span);
            metric.Update(p, t);
            start += size;
            batches++;
        }
        Assert.That(batches, Is.GreaterThan(2), "The data must span several batches to prove accumulation.");
        return metric.Result();
    }
}
