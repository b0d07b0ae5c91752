using System.Globalization;
using System.Text.Json.Nodes;
using NeuralNet.Components;
using NeuralNet.Engine.Components;
using NeuralNet.Metrics;

namespace NeuralNet.Engine.Training;

/// <summary>
/// The names metrics are reported under, readable when one metric appears with different options: its registered
/// name, then the value of every option that is not its default or that differs between metrics of the same name
/// (<c>f1_macro</c> and <c>f1_weighted</c>; <c>top_k_accuracy_k3</c>; <c>r2_target0</c>). String values are
/// added as they are (lower case), others after their option's name. Only identical configurations get a number.
/// </summary>
public static class MetricNaming
{
    /// <summary>One unique name per metric, in order; never <c>loss</c>.</summary>
    public static string[] Names(IReadOnlyList<ComponentInstance<IMetric>> metrics)
    {
        var options = metrics.Select(m => ComponentOptionsJson.ToJson(m.Options) ?? []).ToArray();
        var defaults = metrics.Select(m => m.Options is null ? [] : ComponentOptionsJson.ToJson(Activator.CreateInstance(m.Options.GetType())) ?? []).ToArray();
        var names = new string[metrics.Count];
        for (int i = 0; i < metrics.Count; i++)
        {
            var group = Enumerable.Range(0, metrics.Count).Where(k => metrics[k].Name == metrics[i].Name).ToArray();
            var parts = new List<string> { metrics[i].Name };
            foreach (var (key, value) in options[i])
            {
                string text = Text(value);
                bool differsInGroup = group.Any(k => Text(options[k][key]) != text);
                if (differsInGroup || Text(defaults[i][key]) != text)
                    parts.Add(value is JsonValue v && v.TryGetValue(out string? _) ? text : key.ToLowerInvariant() + text);
            }
            names[i] = string.Join('_', parts);
        }
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "loss" };
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            for (int k = 2; !used.Add(name); k++) name = $"{names[i]}_{k}";
            names[i] = name;
        }
        return names;
    }

    private static string Text(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out string? s) => s.ToLowerInvariant(),
        _ => Convert.ToString(value.ToJsonString(), CultureInfo.InvariantCulture).ToLowerInvariant(),
    };
}
