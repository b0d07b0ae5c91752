using NeuralNet.Errors;

namespace NeuralNet.Engine.Configuration;

/// <summary>
/// Checks the output folders before any work: each must resolve inside the content root (unless
/// <see cref="OutputSettings.AllowOutsideContentRoot"/>) and be a writable folder, or a folder that can be made in
/// one. Nothing is created: writability is probed in the nearest folder that exists, with a file removed at once.
/// </summary>
public static class OutputLocations
{
    /// <summary>Every problem with <paramref name="output"/>, keyed by its config path, together.</summary>
    /// <exception cref="ConfigurationException">A folder outside the content root, or one that is not a writable folder.</exception>
    public static void Check(OutputSettings output, string contentRoot, string configPath)
    {
        var problems = new List<(string Key, string Problem)>();
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(contentRoot));
        foreach (var (key, value) in new[] { ("RunsDirectory", output.RunsDirectory), ("ModelsDirectory", output.ModelsDirectory) })
        {
            string full = Path.GetFullPath(Path.Combine(root, value));
            string where = $"{configPath}:{key}";
            if (!output.AllowOutsideContentRoot && (Path.IsPathRooted(value) || !(full + Path.DirectorySeparatorChar).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                problems.Add((where, $"'{Quote.Short(value)}' leads outside the content root {root}; set {configPath}:AllowOutsideContentRoot=true to allow it."));
                continue;
            }
            if (Writable(full) is { } problem) problems.Add((where, $"{full} {problem}"));
        }
        if (problems.Count > 0)
            throw new ConfigurationException(problems[0].Key, string.Join($"{Environment.NewLine}  ", problems.Select((p, i) => i == 0 ? p.Problem : $"{p.Key}: {p.Problem}")));
    }

    private static string? Writable(string folder)
    {
        string? existing = folder;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing) || (Path.Exists(existing) && !Directory.Exists(existing)))
                return $"is not a folder ({existing} is a file).";
            existing = Path.GetDirectoryName(existing);
        }
        if (existing is null) return "cannot be created.";
        string probe = Path.Combine(existing, $".write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"is not writable ({existing}: {e.Message}).";
        }
    }
}
