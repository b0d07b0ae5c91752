namespace NeuralNet.Engine.Training;

/// <summary>Loss and metrics over a set of samples.</summary>
public sealed record EvaluationResult(int Samples, double Loss, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Loss and metrics as one name → value map, loss under "loss".</summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        if (Samples == 0) return new Dictionary<string, double>(); // nothing was evaluated (k-fold without a test set)
        var all = new Dictionary<string, double> { ["loss"] = Loss };
        foreach (var (k, v) in Metrics) all[k] = v;
        return all;
    }
}
