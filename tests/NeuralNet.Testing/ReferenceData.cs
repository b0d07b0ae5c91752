using System.Text.Json.Nodes;

namespace NeuralNet.Testing;

/// <summary>
/// Reads reference values that committed Python scripts generated once (PyTorch, scikit-learn). Tests never run Python.
/// </summary>
public static class ReferenceData
{
    /// <summary>Parses a JSON file given relative to the repository root (NeuralNet's own tests).</summary>
    public static JsonNode Load(string relativePath) => Parse(RepoPaths.Combine(relativePath));

    /// <summary>
    /// Parses a JSON file given as an absolute path or relative to the test's output folder: a plugin's tests, outside
    /// the repository, copy their reference files there (<c>&lt;None Include="*.json" CopyToOutputDirectory="PreserveNewest" /&gt;</c>).
    /// </summary>
    public static JsonNode LoadFile(string path) => Parse(Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path));

    private static JsonNode Parse(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Reference file {path} is missing; regenerate it with the script beside it.", path);
        return JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
    }

    /// <summary>A JSON array of numbers, flattened from any nesting, as floats.</summary>
    public static float[] Floats(JsonNode? node)
    {
        var values = new List<float>();
        Flatten(node ?? throw new ArgumentNullException(nameof(node)), values);
        return values.ToArray();
    }

    private static void Flatten(JsonNode node, List<float> values)
    {
        if (node is JsonArray array)
            foreach (JsonNode? item in array) Flatten(item!, values);
        else
            values.Add(node.GetValue<float>());
    }
}
