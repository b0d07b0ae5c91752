namespace NeuralNet.Training;

/// <summary>What a callback can check its options against before training starts.</summary>
/// <param name="ConfigPath">The callback's configuration key (<c>Experiment:Callbacks:0</c>), for messages; empty during training.</param>
/// <param name="Epochs">Epochs configured.</param>
/// <param name="HasValidation">Whether a validation set is evaluated every epoch.</param>
/// <param name="Metrics">Metric name → whether higher is better, including <c>loss</c> (lower is better).</param>
public sealed record TrainingPlan(string ConfigPath, int Epochs, bool HasValidation, IReadOnlyDictionary<string, bool> Metrics)
{
    /// <summary>
    /// The names a callback may monitor: every metric and <c>loss</c> on the training set (<c>accuracy</c>) and, with
    /// a validation set, on it (<c>val_accuracy</c>, <c>val_loss</c>).
    /// </summary>
    public IEnumerable<string> Monitors
        => Metrics.Keys.Concat(HasValidation ? Metrics.Keys.Select(k => "val_" + k) : []);

    /// <summary>Whether larger values of <paramref name="monitor"/> are better; null when it is not a known monitor.</summary>
    public bool? HigherIsBetter(string monitor)
    {
        string metric = monitor.StartsWith("val_", StringComparison.OrdinalIgnoreCase) && HasValidation ? monitor[4..] : monitor;
        foreach (var (name, higher) in Metrics)
            if (string.Equals(name, metric, StringComparison.OrdinalIgnoreCase)) return higher;
        return null;
    }
}
