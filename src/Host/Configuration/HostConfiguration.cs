using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Configuration;
using NeuralNet.Errors;

namespace NeuralNet.Host.Configuration;

/// <summary>
/// The configuration layers, later wins: config/appsettings.json, the <c>--experiment</c> file (which replaces the
/// default experiment as a whole), <c>NEURALNET_</c> environment variables, the command line's overrides. Every
/// JSON file is parsed strictly first, so invalid JSON names its file, line and position, and every top-level
/// section of a file or an override must be one of <see cref="Sections"/>; all problems are reported at once.
/// </summary>
public static class HostConfiguration
{
    /// <summary>The top-level sections the host knows.</summary>
    public static readonly IReadOnlyList<string> Sections = ["Experiment", "Host", "Queue", "Plugins", "Logging"];

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Adds every layer of <paramref name="request"/> to <paramref name="config"/> (after clearing it).</summary>
    /// <exception cref="ConfigurationException">A missing or invalid file, an unknown section (all problems together).</exception>
    public static void Load(IConfigurationBuilder config, string contentRoot, HostRequest request)
    {
        config.Sources.Clear();
        var problems = new List<string>();
        string settingsPath = Path.Combine(contentRoot, ContentRoot.SettingsFile);
        JsonObject? settings = File.Exists(settingsPath)
            ? Read(settingsPath, ContentRoot.SettingsFile, problems)
            : Problem(problems, $"{ContentRoot.SettingsFile}: not found in {contentRoot}. Run from the repository root or set NEURALNET_ROOT.");
        JsonObject? experiment = null;
        if (request.ExperimentFile is { } file)
        {
            string path = ResolveExperimentFile(file, contentRoot);
            experiment = File.Exists(path)
                ? Read(path, "--experiment", problems)
                : Problem(problems, $"--experiment: file '{Quote.Short(file)}' not found (looked in {Directory.GetCurrentDirectory()} and {contentRoot}).");
            // An experiment file is a complete experiment: it replaces the default one as a whole, so options of the
            // default's components (the spiral's "Samples") never leak into another experiment's components.
            if (settings is not null)
                foreach (string key in settings.Select(kv => kv.Key).Where(k => string.Equals(k, "Experiment", StringComparison.OrdinalIgnoreCase)).ToArray())
                    settings.Remove(key);
        }
        foreach (var (key, _) in request.Overrides)
            CheckSection(key.Split(':')[0], $"--{key}", problems);
        if (problems.Count > 0)
            throw new ConfigurationException(problems.Count == 1 ? "configuration" : $"configuration ({problems.Count} problems)", string.Join(Environment.NewLine + "  ", problems.Prepend("")));

        config.AddJsonStream(Stream(settings!));
        if (experiment is not null) config.AddJsonStream(Stream(experiment));
        config.AddEnvironmentVariables("NEURALNET_");
        config.AddInMemoryCollection(request.Overrides);
    }

    /// <summary>An experiment file as given, else relative to the content root.</summary>
    public static string ResolveExperimentFile(string file, string contentRoot)
        => File.Exists(file) ? Path.GetFullPath(file) : Path.GetFullPath(Path.Combine(contentRoot, file));

    /// <summary>Reads a JSON object file, reporting invalid JSON with its file, line and position, and unknown top-level sections.</summary>
    public static JsonObject? Read(string path, string what, List<string> problems)
    {
        try
        {
            var info = new FileInfo(path);
            if ((info.Attributes & FileAttributes.Directory) != 0 || info.Length > 16 << 20)
                return Problem(problems, $"{what}: {path} is not a configuration file (a directory, a special file or over 16 MiB).");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (!stream.CanSeek) return Problem(problems, $"{what}: {path} is not a regular file.");
            byte[] bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            JsonNode? node = JsonNode.Parse(bytes, documentOptions: Lenient);
            if (node is not JsonObject root)
                return Problem(problems, $"{what}: {path} must hold a JSON object ({{ \"Experiment\": {{ ... }} }}), not {(node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant())}.");
            foreach (var (key, _) in root) CheckSection(key, $"{what}: {path}: \"{key}\"", problems);
            return root;
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line ? $"line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            return Problem(problems, $"{what}: {path} is not valid JSON: {where}: {Quote.Short(FirstSentence(e.Message))}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problem(problems, $"{what}: cannot read {path}: {e.Message}");
        }
    }

    private static void CheckSection(string section, string where, List<string> problems)
    {
        if (!Sections.Contains(section, StringComparer.OrdinalIgnoreCase))
            problems.Add($"{Quote.Short(where)}: unknown configuration section '{Quote.Short(section)}'. Known sections: {string.Join(", ", Sections)}.");
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static JsonObject? Problem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return null;
    }

    private static MemoryStream Stream(JsonObject json) => new(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
}
