using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralNet.Data;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Persistence;

/// <summary>
/// Saves and loads models as <c>model.json</c> (architecture by component names and options, class names,
/// preprocessing statistics, how a raw input file becomes a sample, metrics, a table of every state tensor by name with its shape and offset, SHA-256 of
/// the weights) and <c>weights.bin</c> (the state tensors in table order, little-endian float32). Loading matches
/// state by name and checks every shape, reporting missing and unexpected names together, like PyTorch's
/// <c>load_state_dict</c>. Files of format 1 (parameters by position, activations as their own kind) still load.
/// The two files are replaced as one set (<see cref="ModelSetWriter"/>): a crash at any instant leaves the previous
/// model or the new one; the checksum still catches any mix made by hand.
/// </summary>
public sealed class ModelStore(ComponentRegistry registry)
{
    public const string Format = "neuralnet-model/2";
    public const string FormatV1 = "neuralnet-model/1";
    public const string ModelFile = "model.json";
    public const string WeightsFile = "weights.bin";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the model into <paramref name="directory"/>.</summary>
    public void Save(string directory, SequentialModel model, ModelMetadata metadata, FeatureNormalizer normalizer)
    {
        byte[] weights = new byte[model.StateSize * sizeof(float)];
        long offset = 0;
        var state = new JsonArray();
        foreach (StateEntry entry in model.State)
        {
            state.Add(new JsonObject
            {
                ["name"] = entry.Name,
                ["shape"] = Ints(entry.Shape.ToArray()),
                ["trainable"] = entry.Trainable,
                ["offset"] = offset,
            });
            foreach (float v in entry.Value.ReadOnlySpan)
            {
                BinaryPrimitives.WriteSingleLittleEndian(weights.AsSpan((int)(offset * sizeof(float))), v);
                offset++;
            }
        }

        var json = new JsonObject
        {
            ["format"] = Format,
            ["experiment"] = metadata.Experiment,
            ["run_id"] = metadata.RunId,
            ["input_shape"] = Ints(model.InputShape.ToArray()),
            ["output_size"] = model.OutputShape.Size,
            ["class_names"] = metadata.ClassNames is null ? null : new JsonArray(metadata.ClassNames.Select(n => (JsonNode)n).ToArray()),
            ["multi_label"] = metadata.IsMultiLabel ? true : null,
            ["feature_names"] = metadata.FeatureNames is null ? null : new JsonArray(metadata.FeatureNames.Select(n => (JsonNode)n).ToArray()),
            ["input"] = metadata.Input is { } input ? new JsonObject { ["reader"] = input.Reader, ["options"] = input.Options?.DeepClone() } : null,
            ["preprocessing"] = new JsonObject
            {
                ["normalize"] = normalizer.Kind.ToString(),
                ["per"] = normalizer.Scope.ToString(),
                ["shift"] = Floats(normalizer.Shift),
                ["scale"] = Floats(normalizer.Scale),
                ["fill"] = normalizer.Fill is { } fill ? Floats(fill) : null,
                ["target_mean"] = normalizer.Targets is { } targets ? Floats(targets.Mean) : null,
                ["target_std"] = normalizer.Targets is { } scaled ? Floats(scaled.Std) : null,
                ["columns"] = metadata.Columns is { } columns ? new JsonArray(columns.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name,
                    ["categories"] = c.Categories is { } categories ? new JsonArray(categories.Select(k => (JsonNode)k).ToArray()) : null,
                }).ToArray()) : null,
            },
            ["layers"] = new JsonArray(model.Specs.Select((s, i) => (JsonNode)new JsonObject
            {
                ["type"] = s.Name,
                ["options"] = s.Options?.DeepClone(),
                ["output_shape"] = Ints(model.OutputShapes[i].ToArray()),
            }).ToArray()),
            ["loss"] = metadata.Loss,
            ["state"] = state,
            ["weights"] = new JsonObject
            {
                ["file"] = WeightsFile,
                ["floats"] = model.StateSize,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(weights)),
            },
            ["metrics"] = Metrics(metadata.Metrics),
        };

        // model.json and weights.bin change together or not at all (ModelSetWriter).
        ModelSetWriter.Replace(directory, staging =>
        {
            AtomicFile.Write(Path.Combine(staging, WeightsFile), s => s.Write(weights));
            AtomicFile.WriteAllText(Path.Combine(staging, ModelFile), json.ToJsonString(Indented));
        });
    }

    /// <summary>Reads a model saved by <see cref="Save"/>, rebuilding its layers through the registry.</summary>
    /// <param name="directory">The model's folder.</param>
    /// <param name="maxBatchSize">Largest batch the rebuilt model will see.</param>
    /// <param name="training">True to build with gradient buffers (to train further); false (default) for inference only.</param>
    /// <exception cref="ModelFormatException">A file is missing, malformed, of an unknown format, or the weights do not match.</exception>
    public SavedModel Load(string directory, int maxBatchSize, bool training = false)
    {
        // Messages name the files as the caller knows them; both are read from the one version the folder links to now.
        string modelPath = Path.GetFullPath(Path.Combine(directory, ModelFile));
        string weightsPath = Path.GetFullPath(Path.Combine(directory, WeightsFile));
        string version = ModelSetWriter.Resolve(directory);
        string modelFile = Path.Combine(version, ModelFile);
        string weightsFile = Path.Combine(version, WeightsFile);
        if (!File.Exists(modelFile)) throw new ModelFormatException(modelPath, "not found.");
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(modelFile))?.AsObject() ?? throw new JsonException("empty document");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new ModelFormatException(modelPath, $"not valid JSON: {Quote.Short(e.Message)}", e);
        }

        try
        {
            string format = Required(json, "format").GetValue<string>();
            if (format != Format && format != FormatV1)
                throw new ModelFormatException(modelPath, $"format version is '{Quote.Short(format)}'; this build reads '{Format}' and '{FormatV1}'.");
            var inputShape = new TensorShape(Required(json, "input_shape").AsArray().Select(n => NotNull(n).GetValue<int>()).ToArray());
            int outputSize = Required(json, "output_size").GetValue<int>();
            var specs = Required(json, "layers").AsArray().Select((n, i) => ReadSpec(NotNull(n).AsObject(), i, modelPath)).ToArray();
            JsonObject pre = Required(json, "preprocessing").AsObject();
            var normalizer = new FeatureNormalizer(
                Enum.Parse<NormalizationKind>(Required(pre, "normalize").GetValue<string>(), ignoreCase: true),
                Required(pre, "shift").AsArray().Select(n => NotNull(n).GetValue<float>()).ToArray(),
                Required(pre, "scale").AsArray().Select(n => NotNull(n).GetValue<float>()).ToArray(),
                pre["per"] is { } per ? Enum.Parse<NormalizationScope>(per.GetValue<string>(), ignoreCase: true) : NormalizationScope.Feature,
                pre["fill"]?.AsArray().Select(n => NotNull(n).GetValue<float>()).ToArray(),
                pre["target_mean"] is { } targetMean
                    ? new TargetScaler(targetMean.AsArray().Select(n => NotNull(n).GetValue<float>()).ToArray(), Required(pre, "target_std").AsArray().Select(n => NotNull(n).GetValue<float>()).ToArray())
                    : null);
            if (normalizer.Targets is { } targetScaler && targetScaler.Mean.Length != outputSize)
                throw new ModelFormatException(modelPath, $"preprocessing scales {targetScaler.Mean.Length} targets, but output_size is {outputSize}.");
            FeatureColumn[]? columns = pre["columns"]?.AsArray().Select(n => new FeatureColumn(
                Required(NotNull(n).AsObject(), "name").GetValue<string>(),
                NotNull(n)["categories"]?.AsArray().Select(k => NotNull(k).GetValue<string>()).ToArray())).ToArray();
            if (columns is not null && columns.Sum(c => c.Width) != inputShape.Size)
                throw new ModelFormatException(modelPath, $"preprocessing.columns describe {columns.Sum(c => c.Width)} features, but input_shape {inputShape} has {inputShape.Size}.");
            JsonObject weightsInfo = Required(json, "weights").AsObject();
            long floats = Required(weightsInfo, "floats").GetValue<long>();
            string sha = Required(weightsInfo, "sha256").GetValue<string>();
            List<(string Name, TensorShape Shape, long Offset)> table = format == FormatV1
                ? ReadV1Table(Required(json, "parameters").AsArray())
                : Required(json, "state").AsArray().Select(n => (
                    Required(NotNull(n).AsObject(), "name").GetValue<string>(),
                    new TensorShape(Required(NotNull(n).AsObject(), "shape").AsArray().Select(d => NotNull(d).GetValue<int>()).ToArray()),
                    Required(NotNull(n).AsObject(), "offset").GetValue<long>())).ToList();
            foreach (var (name, shape, off) in table)
                if (off < 0 || off + shape.Size > floats)
                    throw new ModelFormatException(modelPath, $"state '{Quote.Short(name)}' {shape} at offset {off} lies outside the {floats} floats of the weights.");

            if (!File.Exists(weightsFile)) throw new ModelFormatException(weightsPath, "not found.");
            long length = new FileInfo(weightsFile).Length;
            if (length != floats * sizeof(float))
                throw new ModelFormatException(weightsPath, $"holds {length} bytes, model.json expects {floats * sizeof(float)} ({floats} floats).");
            byte[] weights = File.ReadAllBytes(weightsFile);
            string actual = Convert.ToHexStringLower(SHA256.HashData(weights));
            if (!string.Equals(actual, sha, StringComparison.OrdinalIgnoreCase))
                throw new ModelFormatException(weightsPath, $"SHA-256 is {actual}, model.json expects {Quote.Short(sha)}: the weights are corrupt or from another save.");

            var builder = new ModelBuilder(registry);
            SequentialModel model;
            try
            {
                model = builder.Build(ModelBuilder.FromSpecs(specs, modelPath), inputShape, outputSize, maxBatchSize, new Random(0), training);
            }
            catch (ConfigurationException e)
            {
                throw new ModelFormatException(modelPath, $"cannot rebuild the model: {e.Message}", e);
            }
            LoadState(model, table, weights, modelPath);

            InputRecord? input = json["input"] is { } inputNode
                ? new InputRecord(Required(inputNode.AsObject(), "reader").GetValue<string>(), inputNode["options"]?.AsObject().DeepClone().AsObject())
                : null;
            IInputReader? inputReader;
            try
            {
                inputReader = input?.Create(registry, inputShape, modelPath + ": input").Component;
            }
            catch (ConfigurationException e)
            {
                throw new ModelFormatException(modelPath, $"cannot create its input reader: {e.Message}", e);
            }

            var metadata = new ModelMetadata(
                Required(json, "experiment").GetValue<string>(),
                json["class_names"]?.AsArray().Select(n => NotNull(n).GetValue<string>()).ToArray(),
                json["feature_names"]?.AsArray().Select(n => NotNull(n).GetValue<string>()).ToArray(),
                json["metrics"]?.AsObject().ToDictionary(p => p.Key,
                    p => (IReadOnlyDictionary<string, double>)NotNull(p.Value).AsObject().ToDictionary(m => m.Key, m => m.Value?.GetValue<double>() ?? double.NaN)) ?? [],
                json["loss"]?.GetValue<string>() ?? "",
                json["run_id"]?.GetValue<string>())
            {
                Columns = columns,
                IsMultiLabel = json["multi_label"]?.GetValue<bool>() ?? false,
                Input = input,
            };
            // The parts must agree with each other, not only with the weights.
            if (metadata.ClassNames is { } classes && classes.Count != outputSize && !(outputSize == 1 && classes.Count == 2))
                throw new ModelFormatException(modelPath, $"has {classes.Count} class_names but {outputSize} outputs.");
            if (metadata.FeatureNames is { } features && features.Count != inputShape.Size)
                throw new ModelFormatException(modelPath, $"has {features.Count} feature_names but inputs of {inputShape}.");
            normalizer.Validate(inputShape); // preprocessing statistics of another width: ArgumentException, reported as malformed
            return new SavedModel(model, metadata, normalizer) { InputReader = inputReader };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or ArgumentException or KeyNotFoundException or OverflowException)
        {
            throw new ModelFormatException(modelPath, $"malformed: {Quote.Short(e.Message)}", e);
        }
    }

    /// <summary>Copies every state tensor from <paramref name="weights"/> by name, after checking names and shapes all at once.</summary>
    private static void LoadState(SequentialModel model, List<(string Name, TensorShape Shape, long Offset)> table, byte[] weights, string file)
    {
        var saved = new Dictionary<string, (TensorShape Shape, long Offset)>(StringComparer.Ordinal);
        foreach (var (name, shape, offset) in table)
            if (!saved.TryAdd(name, (shape, offset))) throw new ModelFormatException(file, $"state '{Quote.Short(name)}' is listed twice.");
        var problems = new List<string>();
        string[] missing = model.State.Where(s => !saved.ContainsKey(s.Name)).Select(s => s.Name).ToArray();
        var expected = model.State.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        string[] unexpected = table.Where(t => !expected.Contains(t.Name)).Select(t => t.Name).ToArray();
        if (missing.Length > 0) problems.Add($"missing state: {Quote.Short(string.Join(", ", missing))}");
        if (unexpected.Length > 0) problems.Add($"unexpected state: {Quote.Short(string.Join(", ", unexpected))}");
        foreach (StateEntry entry in model.State)
            if (saved.TryGetValue(entry.Name, out var s) && s.Shape != entry.Shape)
                problems.Add($"'{entry.Name}' is {s.Shape} in the file but {entry.Shape} in the model");
        if (problems.Count > 0) throw new ModelFormatException(file, $"the weights do not fit the model: {string.Join("; ", problems)}.");

        foreach (StateEntry entry in model.State)
        {
            long offset = saved[entry.Name].Offset * sizeof(float);
            Span<float> values = entry.Value.Span;
            for (int i = 0; i < values.Length; i++)
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(weights.AsSpan((int)(offset + (long)i * sizeof(float))));
        }
    }

    /// <summary>Format 1 listed parameters in weight order with their layer index; names become <c>layers.{layer}.{name}</c>.</summary>
    private static List<(string, TensorShape, long)> ReadV1Table(JsonArray parameters)
    {
        var table = new List<(string, TensorShape, long)>();
        long offset = 0;
        foreach (JsonNode? node in parameters)
        {
            JsonObject p = NotNull(node).AsObject();
            var shape = new TensorShape(Required(p, "shape").AsArray().Select(d => NotNull(d).GetValue<int>()).ToArray());
            table.Add(($"layers.{Required(p, "layer").GetValue<int>()}.{Required(p, "name").GetValue<string>()}", shape, offset));
            offset += shape.Size;
        }
        return table;
    }

    private static LayerSpec ReadSpec(JsonObject node, int index, string file)
    {
        JsonObject? options = node["options"]?.AsObject().DeepClone().AsObject();
        // Format 1 wrote activations as { "activation": name }; they are ordinary layers now.
        JsonNode? type = node["type"] ?? node["activation"];
        return type is null
            ? throw new ModelFormatException(file, $"layers[{index}] has no \"type\".")
            : new LayerSpec(type.GetValue<string>(), options);
    }

    private static JsonNode Required(JsonObject json, string key)
        => json[key] ?? throw new KeyNotFoundException($"missing \"{key}\"");

    /// <summary>An element of an array or object in the file, which may not be null.</summary>
    private static JsonNode NotNull(JsonNode? node)
        => node ?? throw new FormatException("a value is null where a number, name or object is expected");

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

    private static JsonArray Ints(int[] values) => new(values.Select(v => (JsonNode)v).ToArray());
}
