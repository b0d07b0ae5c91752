using NeuralNet.Training;

namespace NeuralNet.Training.Internal;

/// <summary>A monitored value and the direction in which it improves, shared by the callbacks that watch one.</summary>
internal static class MonitoredValue
{
    /// <summary>The allowed <c>Mode</c> values.</summary>
    public static readonly string[] Modes = ["auto", "min", "max"];

    /// <summary>Problems with a monitor name and mode, naming the option keys and the allowed values.</summary>
    public static IEnumerable<string> Check(TrainingPlan plan, string monitor, string mode)
    {
        if (plan.HigherIsBetter(monitor) is null)
            yield return $"{plan.ConfigPath}:Monitor: '{monitor}' is not a monitored value of this run. Allowed: {string.Join(", ", plan.Monitors)}.";
        if (!Modes.Contains(mode, StringComparer.OrdinalIgnoreCase))
            yield return $"{plan.ConfigPath}:Mode: '{mode}' is not a mode. Allowed: {string.Join(", ", Modes)}.";
    }

    /// <summary>Whether larger values are better: from <paramref name="mode"/>, or for <c>auto</c> from the metric's direction.</summary>
    public static bool HigherIsBetter(TrainingPlan plan, string monitor, string mode) => mode.ToLowerInvariant() switch
    {
        "min" => false,
        "max" => true,
        _ => plan.HigherIsBetter(monitor) ?? false,
    };

    /// <summary>The value of <paramref name="monitor"/> in <paramref name="epoch"/>, or an error naming what exists.</summary>
    public static double Value(EpochSummary epoch, string monitor)
        => epoch.Get(monitor) ?? throw new InvalidOperationException($"Epoch {epoch.Epoch} has no value '{monitor}'.");
}
