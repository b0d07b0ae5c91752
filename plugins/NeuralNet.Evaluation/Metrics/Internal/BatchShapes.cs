using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics.Internal;

/// <summary>The shape check every metric makes on a batch.</summary>
internal static class BatchShapes
{
    /// <summary>Predictions and targets must hold the same number of samples of the same size.</summary>
    /// <exception cref="ArgumentException">They differ; the message gives both shapes.</exception>
    public static void EnsureMatch(Tensor predictions, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        if (predictions.BatchSize != targets.BatchSize || predictions.SampleSize != targets.SampleSize)
            throw new ArgumentException(
                $"Predictions {predictions.ShapeString} and targets {targets.ShapeString} must have the same shape.", nameof(targets));
    }
}
