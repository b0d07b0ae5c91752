using System.Text;
using System.Text.Json.Nodes;

namespace NeuralNet.Engine.Tests.Support;

/// <summary>Mutations for the parsers' fuzz tests: a value anywhere replaced (or its key removed or misspelt), or a few characters changed, cut or inserted.</summary>
internal static class JsonMutator
{
    /// <summary>Replaces 1 or 2 values under <paramref name="under"/> (the whole document when null) by one of <paramref name="replacements"/>.</summary>
    public static string ReplaceValue(string json, Random random, IReadOnlyList<JsonNode?> replacements, string? under = null)
    {
        JsonNode root = JsonNode.Parse(json)!;
        var nodes = new List<JsonNode>();
        void Walk(JsonNode? n)
        {
            if (n is null) return;
            nodes.Add(n);
            if (n is JsonObject o) foreach (var (_, v) in o) Walk(v);
            else if (n is JsonArray a) foreach (JsonNode? v in a) Walk(v);
        }
        Walk(under is null ? root : root[under]);
        for (int k = random.Next(1, 3); k > 0; k--)
        {
            JsonNode node = nodes[random.Next(1, nodes.Count)];
            JsonNode? replacement = replacements[random.Next(replacements.Count)]?.DeepClone();
            switch (node.Parent)
            {
                case JsonObject parent when parent.Any(kv => ReferenceEquals(kv.Value, node)):
                    string key = parent.First(kv => ReferenceEquals(kv.Value, node)).Key;
                    if (random.Next(6) == 0) parent.Remove(key);
                    else if (random.Next(6) == 0) parent["Unknown" + key] = replacement;
                    else parent[key] = replacement;
                    break;
                case JsonArray array when array.IndexOf(node) >= 0:
                    array[array.IndexOf(node)] = replacement;
                    break;
            }
        }
        return root.ToJsonString();
    }

    /// <summary>Changes, cuts or inserts characters at 1 to 3 places.</summary>
    public static string MutateText(string json, Random random)
    {
        var text = new StringBuilder(json);
        for (int k = random.Next(1, 4); k > 0 && text.Length > 0; k--)
        {
            int at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0: text[at] = (char)random.Next(32, 127); break;
                case 1: text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at)); break;
                default: text.Insert(at, "\"\\u0000,{[-9e999"[random.Next(15)..]); break;
            }
        }
        return text.ToString();
    }
}
