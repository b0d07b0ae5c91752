using System.Text.Json.Nodes;
using NeuralNet.Engine.Configuration;
using NeuralNet.Errors;

namespace NeuralNet.Host.Commands;

/// <summary>A sweep's grid: experiment keys (as the experiment spells them) and the values each takes.</summary>
public sealed class SweepGrid
{
    private const int MaxTrials = 10_000;

    private SweepGrid(IReadOnlyList<(string Key, string[] Path, string[] Values)> axes) => Axes = axes;

    /// <summary>The keys in order, each with its path in the experiment file and its values.</summary>
    public IReadOnlyList<(string Key, string[] Path, string[] Values)> Axes { get; }

    /// <summary>Reads <c>KEY=v1,v2</c> specifications against <paramref name="file"/> (<c>{ "Experiment": ... }</c>).</summary>
    /// <exception cref="ConfigurationException">Every malformed specification, repeated key or key the experiment does not have, together.</exception>
    public static SweepGrid Parse(IEnumerable<string> specifications, JsonObject file)
    {
        var problems = new List<string>();
        var axes = new List<(string, string[], string[])>();
        foreach (string spec in specifications)
        {
            int equals = spec.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == spec.Length - 1)
            {
                problems.Add($"'{Quote.Short(spec)}' is not KEY=v1,v2,...");
                continue;
            }
            string key = spec[..equals].Trim();
            if (key.StartsWith("Experiment:", StringComparison.OrdinalIgnoreCase)) key = key["Experiment:".Length..];
            string[] values = spec[(equals + 1)..].Split(',').Select(v => v.Trim()).ToArray();
            if (values.Any(v => v.Length == 0)) problems.Add($"'{Quote.Short(spec)}' has an empty value");
            else if (values.Distinct(StringComparer.Ordinal).Count() != values.Length) problems.Add($"'{Quote.Short(spec)}' repeats a value");
            string[]? path = Find(file["Experiment"], key.Split(':'));
            if (path is null)
                problems.Add($"'{Quote.Short(key)}' is not a value of the experiment (a grid key names a setting the experiment has, e.g. Optimizer:LearningRate or Model:Layers:0:Units)");
            else if (axes.Any(a => a.Item2.SequenceEqual(path, StringComparer.Ordinal)))
                problems.Add($"'{Quote.Short(key)}' is in the grid twice");
            else axes.Add((key, path, values));
        }
        if (axes.Count == 0 && problems.Count == 0) problems.Add("no grid: give --grid KEY=v1,v2 at least once");
        long trials = axes.Aggregate(1L, (n, a) => Math.Min(n * a.Item3.Length, MaxTrials + 1L));
        if (trials > MaxTrials) problems.Add($"the grid has more than {MaxTrials} trials; use --random N");
        if (problems.Count > 0)
            throw new ConfigurationException("--grid", string.Join("; ", problems) + ". Nothing was enqueued.");
        return new SweepGrid(axes);
    }

    /// <summary>Every combination in grid order, or <paramref name="random"/> of them drawn without repeats with <paramref name="seed"/>.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Trials(int? random, int seed)
    {
        IEnumerable<IReadOnlyList<string>> combinations = [[]];
        foreach (var axis in Axes)
            combinations = combinations.SelectMany(c => axis.Values.Select(v => (IReadOnlyList<string>)[.. c, v])).ToList();
        var all = combinations.ToList();
        if (random is int n)
        {
            if (n < 1 || n > all.Count)
                throw new ConfigurationException("--random", $"{n} trials from a grid of {all.Count}: expected 1 to {all.Count}. Nothing was enqueued.");
            var draw = new Random(seed);
            all = [.. all.OrderBy(_ => draw.Next()).Take(n)];
        }
        return all.Select(c => (IReadOnlyDictionary<string, string>)Axes.Select((a, i) => (a.Key, Value: c[i])).ToDictionary(p => p.Key, p => p.Value)).ToList();
    }

    /// <summary>A copy of <paramref name="file"/> with the trial's values set.</summary>
    public JsonObject Apply(JsonObject file, IReadOnlyDictionary<string, string> trial)
    {
        var copy = (JsonObject)file.DeepClone();
        foreach (var (key, path, _) in Axes)
        {
            JsonNode parent = copy["Experiment"]!;
            foreach (string step in path[..^1]) parent = parent is JsonArray a ? a[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)]! : parent[step]!;
            if (parent is JsonArray array) array[int.Parse(path[^1], System.Globalization.CultureInfo.InvariantCulture)] = trial[key];
            else parent[path[^1]] = trial[key];
        }
        return copy;
    }

    /// <summary>The path of a value (keys spelled as in the file: configuration keys are case-insensitive), or null when there is none.</summary>
    private static string[]? Find(JsonNode? node, string[] keys)
    {
        var path = new List<string>();
        foreach (string key in keys)
        {
            switch (node)
            {
                case JsonObject o when o.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)) is { Key: not null } found:
                    path.Add(found.Key);
                    node = found.Value;
                    break;
                case JsonArray a when int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i) && i < a.Count:
                    path.Add(key);
                    node = a[i];
                    break;
                default:
                    return null;
            }
        }
        return node is JsonValue ? [.. path] : null;
    }
}
