using NeuralNet.Experiments;

namespace NeuralNet.Host.Commands;

/// <summary>Runs best first by one metric; runs without it (not finished, or not finite) after, newest first as given.</summary>
public static class RunRanking
{
    public static List<RunRecord> Best(IEnumerable<RunRecord> runs, string metric, bool lowerIsBetter)
    {
        var list = runs.ToList();
        var with = list.Where(r => r.Metrics.TryGetValue(metric, out double v) && double.IsFinite(v)).ToList();
        var ranked = lowerIsBetter ? with.OrderBy(r => r.Metrics[metric]) : with.OrderByDescending(r => r.Metrics[metric]);
        return [.. ranked.ThenBy(r => r.RunId, StringComparer.Ordinal), .. list.Except(with)];
    }
}
