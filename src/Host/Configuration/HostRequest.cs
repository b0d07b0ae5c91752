namespace NeuralNet.Host.Configuration;

/// <summary>What a command line asks of the configuration: an experiment file replacing the default experiment, and <c>--Key=value</c> overrides.</summary>
/// <param name="ExperimentFile">The <c>--experiment</c> file, or null for the experiment in config/appsettings.json.</param>
/// <param name="Overrides">Configuration keys set on the command line, in order (later wins); a null or empty value unsets the key.</param>
public sealed record HostRequest(string? ExperimentFile, IReadOnlyList<KeyValuePair<string, string?>> Overrides)
{
    /// <summary>
    /// Log to standard error only, for commands whose standard output is their result (a table or JSON lines that a
    /// pipe reads); training logs to standard output, errors to standard error.
    /// </summary>
    public bool LogsToStandardError { get; init; }

    /// <summary>The default experiment, no overrides.</summary>
    public static HostRequest Default { get; } = new(null, []);
}
