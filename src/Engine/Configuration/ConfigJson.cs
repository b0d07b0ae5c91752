using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace NeuralNet.Engine.Configuration;

/// <summary>A configuration section as JSON (values are strings, as configuration holds them; sections whose keys are 0..n-1 become arrays), for a run's <c>config.json</c>.</summary>
public static class ConfigJson
{
    public static JsonObject From(IConfigurationSection section) => (JsonObject)Node(section)!;

    private static JsonNode? Node(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0) return section.Value is null ? null : JsonValue.Create(section.Value);
        bool isArray = children.Select(c => c.Key).Order().SequenceEqual(Enumerable.Range(0, children.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order());
        if (isArray)
            return new JsonArray(children.OrderBy(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture)).Select(Node).ToArray());
        var o = new JsonObject();
        foreach (IConfigurationSection c in children) o[c.Key] = Node(c);
        return o;
    }
}
