namespace NeuralNet.Training;

/// <summary>One epoch of history: training loss and metrics (over its batches) and validation ones, time and learning rate.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches.</param>
/// <param name="TrainMetrics">Metrics accumulated over the epoch's training batches.</param>
/// <param name="ValidationLoss">Validation loss after the epoch (NaN without a validation set).</param>
/// <param name="ValidationMetrics">Validation metrics after the epoch (empty without a validation set).</param>
/// <param name="TrainSeconds">Seconds the epoch's training loop took.</param>
/// <param name="LearningRate">The optimizer's learning rate during the epoch.</param>
public sealed record EpochSummary(int Epoch, double TrainLoss, IReadOnlyDictionary<string, double> TrainMetrics,
    double ValidationLoss, IReadOnlyDictionary<string, double> ValidationMetrics, double TrainSeconds, double LearningRate)
{
    /// <summary>
    /// The value of a monitor name: <c>loss</c> or a metric for training, <c>val_loss</c> or <c>val_</c> + metric for
    /// validation (case-insensitive); null when there is no such value.
    /// </summary>
    public double? Get(string monitor)
    {
        bool validation = monitor.StartsWith("val_", StringComparison.OrdinalIgnoreCase);
        string name = validation ? monitor[4..] : monitor;
        if (string.Equals(name, "loss", StringComparison.OrdinalIgnoreCase))
            return validation ? (double.IsNaN(ValidationLoss) ? null : ValidationLoss) : TrainLoss;
        foreach (var (k, v) in validation ? ValidationMetrics : TrainMetrics)
            if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }
}
