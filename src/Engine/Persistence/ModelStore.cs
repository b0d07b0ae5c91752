using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Persistence;

/// <summary>
/// Saves and loads models as <c>model.json</c> (architecture by component names and options, class names,
/// preprocessing statistics, metrics, SHA-256 of the weights) and <c>weights.bin</c> (every parameter in order,
/// little-endian float32). Each file is written atomically; weights are written first, so model.json never
/// points at weights it does not describe (the checksum catches any mix).
/// </summary>
public sealed class ModelStore(ComponentRegistry registry)
{
    public const string Format = "neuralnet-model/1";
    public const string ModelFile = "model.json";
    public const string WeightsFile = "weights.bin";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the model into <paramref name="directory"/>.</summary>
    public void Save(string directory, SequentialModel model, ModelMetadata metadata, FeatureNormalizer normalizer)
    {
        byte[] weights = new byte[model.ParameterCount * sizeof(float)];
        var offset = 0;
        var parameters = new JsonArray();
        for (int layer = 0; layer < model.Layers.Count; layer++)
        {
            foreach (Parameter p in model.Layers[layer].Parameters)
            {
                foreach (float v in p.Value.ReadOnlySpan)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(weights.AsSpan(offset), v);
                    offset += sizeof(float);
                }
                parameters.Add(new JsonObject
                {
                    ["layer"] = layer,
                    ["name"] = p.Name,
                    ["shape"] = new JsonArray(p.Value.SampleShape.ToArray().Select(d => (JsonNode)d).ToArray()),
                });
            }
        }

        var json = new JsonObject
        {
            ["format"] = Format,
            ["experiment"] = metadata.Experiment,
            ["input_shape"] = new JsonArray(model.InputShape.ToArray().Select(d => (JsonNode)d).ToArray()),
            ["output_size"] = model.OutputShape.Size,
            ["class_names"] = metadata.ClassNames is null ? null : new JsonArray(metadata.ClassNames.Select(n => (JsonNode)n).ToArray()),
            ["feature_names"] = metadata.FeatureNames is null ? null : new JsonArray(metadata.FeatureNames.Select(n => (JsonNode)n).ToArray()),
            ["preprocessing"] = new JsonObject
            {
                ["normalize"] = normalizer.Kind.ToString(),
                ["shift"] = Floats(normalizer.Shift),
                ["scale"] = Floats(normalizer.Scale),
            },
            ["layers"] = new JsonArray(model.Specs.Select(s => (JsonNode)new JsonObject
            {
                [s.Kind == LayerKind.Layer ? "type" : "activation"] = s.Name,
                ["options"] = s.Options?.DeepClone(),
            }).ToArray()),
            ["loss"] = metadata.Loss,
            ["parameters"] = parameters,
            ["weights"] = new JsonObject
            {
                ["file"] = WeightsFile,
                ["floats"] = model.ParameterCount,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(weights)),
            },
            ["metrics"] = Metrics(metadata.Metrics),
        };

        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, WeightsFile), s => s.Write(weights));
        AtomicFile.WriteAllText(Path.Combine(directory, ModelFile), json.ToJsonString(Indented));
    }

    /// <summary>Reads a model saved by <see cref="Save"/>, rebuilding its layers through the registry.</summary>
    /// <exception cref="ModelFormatException">A file is missing, malformed, or the weights do not match.</exception>
    public SavedModel Load(string directory, int maxBatchSize)
    {
        string modelPath = Path.GetFullPath(Path.Combine(directory, ModelFile));
        string weightsPath = Path.GetFullPath(Path.Combine(directory, WeightsFile));
        if (!File.Exists(modelPath)) throw new ModelFormatException(modelPath, "not found.");
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(modelPath))?.AsObject() ?? throw new JsonException("empty document");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new ModelFormatException(modelPath, $"not valid JSON: {e.Message}", e);
        }

        try
        {
            string format = Required(json, "format").GetValue<string>();
            if (format != Format) throw new ModelFormatException(modelPath, $"format is '{format}', expected '{Format}'.");
            var inputShape = new TensorShape(Required(json, "input_shape").AsArray().Select(n => n!.GetValue<int>()).ToArray());
            int outputSize = Required(json, "output_size").GetValue<int>();
            var specs = Required(json, "layers").AsArray().Select((n, i) => ReadSpec(n!.AsObject(), i, modelPath)).ToArray();
            JsonObject pre = Required(json, "preprocessing").AsObject();
            var normalizer = new FeatureNormalizer(
                Enum.Parse<NormalizationKind>(Required(pre, "normalize").GetValue<string>(), ignoreCase: true),
                Required(pre, "shift").AsArray().Select(n => n!.GetValue<float>()).ToArray(),
                Required(pre, "scale").AsArray().Select(n => n!.GetValue<float>()).ToArray());
            JsonObject weightsInfo = Required(json, "weights").AsObject();
            long floats = Required(weightsInfo, "floats").GetValue<long>();
            string sha = Required(weightsInfo, "sha256").GetValue<string>();

            if (!File.Exists(weightsPath)) throw new ModelFormatException(weightsPath, "not found.");
            byte[] weights = File.ReadAllBytes(weightsPath);
            if (weights.LongLength != floats * sizeof(float))
                throw new ModelFormatException(weightsPath, $"holds {weights.LongLength} bytes, model.json expects {floats * sizeof(float)} ({floats} floats).");
            string actual = Convert.ToHexStringLower(SHA256.HashData(weights));
            if (!string.Equals(actual, sha, StringComparison.OrdinalIgnoreCase))
                throw new ModelFormatException(weightsPath, $"SHA-256 is {actual}, model.json expects {sha}: the weights are corrupt or from another save.");

            var builder = new ModelBuilder(registry);
            SequentialModel model;
            try
            {
                model = builder.Build(ModelBuilder.FromSpecs(specs, modelPath), inputShape, outputSize, maxBatchSize, new Random(0));
            }
            catch (ConfigurationException e)
            {
                throw new ModelFormatException(modelPath, $"cannot rebuild the model: {e.Message}", e);
            }
            if (model.ParameterCount != floats)
                throw new ModelFormatException(modelPath, $"the layers hold {model.ParameterCount} parameters but the weights {floats}.");

            int offset = 0;
            foreach (Parameter p in model.Parameters)
            {
                Span<float> values = p.Value.Span;
                for (int i = 0; i < values.Length; i++, offset += sizeof(float))
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(weights.AsSpan(offset));
            }

            var metadata = new ModelMetadata(
                Required(json, "experiment").GetValue<string>(),
                json["class_names"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray(),
                json["feature_names"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray(),
                json["metrics"]?.AsObject().ToDictionary(p => p.Key,
                    p => (IReadOnlyDictionary<string, double>)p.Value!.AsObject().ToDictionary(m => m.Key, m => m.Value?.GetValue<double>() ?? double.NaN)) ?? [],
                json["loss"]?.GetValue<string>() ?? "");
            return new SavedModel(model, metadata, normalizer);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or ArgumentException or KeyNotFoundException)
        {
            throw new ModelFormatException(modelPath, $"malformed: {e.Message}", e);
        }
    }

    private static LayerSpec ReadSpec(JsonObject node, int index, string file)
    {
        JsonObject? options = node["options"]?.AsObject().DeepClone().AsObject();
        if (node["type"] is { } type) return new LayerSpec(LayerKind.Layer, type.GetValue<string>(), options);
        if (node["activation"] is { } act) return new LayerSpec(LayerKind.Activation, act.GetValue<string>(), options);
        throw new ModelFormatException(file, $"layers[{index}] has neither \"type\" nor \"activation\".");
    }

    private static JsonNode Required(JsonObject json, string key)
        => json[key] ?? throw new KeyNotFoundException($"missing \"{key}\"");

    /// <summary>Metrics by part; NaN (an empty part) is written as null, since JSON has no NaN.</summary>
    private static JsonObject Metrics(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> metrics)
    {
        var json = new JsonObject();
        foreach (var (part, values) in metrics)
        {
            var o = new JsonObject();
            foreach (var (name, value) in values) o[name] = double.IsFinite(value) ? value : null;
            json[part] = o;
        }
        return json;
    }

    private static JsonArray Floats(float[] values) => new(values.Select(v => (JsonNode)v).ToArray());
}
