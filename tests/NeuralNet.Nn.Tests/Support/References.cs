using System.Text.Json.Nodes;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Support;

/// <summary>The PyTorch reference files beside these tests (written by References/make_references.py).</summary>
internal static class References
{
    public static JsonNode Load(string file) => ReferenceData.Load(Path.Combine("tests", "NeuralNet.Nn.Tests", "References", file));

    /// <summary>A JSON matrix (list of rows) as a batch of flat samples; a flat list as one sample.</summary>
    public static Tensor Tensor(JsonNode? node)
    {
        JsonArray rows = node?.AsArray() ?? throw new ArgumentNullException(nameof(node));
        float[] values = ReferenceData.Floats(rows);
        int batch = rows.Count > 0 && rows[0] is JsonArray ? rows.Count : 1;
        return new Tensor(values, batch, new TensorShape(values.Length / batch));
    }

    public static float[] Floats(JsonNode? node) => ReferenceData.Floats(node);

    /// <summary>A JSON object of option strings as config key/value pairs (null when empty, meaning defaults).</summary>
    public static Dictionary<string, string?>? Options(JsonNode? node)
    {
        JsonObject? options = node?.AsObject();
        if (options is null || options.Count == 0) return null;
        return options.ToDictionary(p => p.Key, p => (string?)p.Value!.GetValue<string>());
    }
}
