using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Persistence;
using NeuralNet.Errors;
using NeuralNet.Host.Configuration;
using NeuralNet.Tensors;

namespace NeuralNet.Host.Commands;

/// <summary>
/// <c>predict --model DIR [--input FILE.csv ...] [--top K] [--format table|json]</c>: predictions of a saved model
/// for rows of a CSV file (with a header naming the model's features, or exactly the model's number of values per
/// row) or, without <c>--input</c> (or with <c>-</c>), JSON lines on standard input (an array of numbers, or an
/// object of feature name → value). The saved preprocessing is applied. A classifier prints the top-k class names
/// with probabilities; a regressor its output values.
/// </summary>
public sealed class PredictCommand : Command
{
    private const int BatchSize = 256;
    private const int MaxLineLength = 1 << 20;
    private readonly Option<string> _model = CommandSupport.ModelOption();
    private readonly Option<string[]> _input = new("--input", "-i")
    {
        Description = "CSV files to predict (one row per sample); '-' or none: JSON lines on standard input.",
        HelpName = "FILE",
        AllowMultipleArgumentsPerToken = true,
    };
    private readonly Option<int> _top = new("--top", "-k") { Description = "Classifiers: how many classes to print per row (default 3).", DefaultValueFactory = _ => 3 };
    private readonly Option<string> _format = CommandSupport.FormatOption();

    public PredictCommand() : base("predict", "Predict with a saved model: CSV rows (--input) or JSON lines on standard input; top-k classes with probabilities, or regression values.")
    {
        Options.Add(_model);
        Options.Add(_input);
        Options.Add(_top);
        Options.Add(_format);
        _top.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--top must be at least 1."); });
        SetAction(result => CommandSupport.Guard(() =>
        {
            using IHost host = CommandSupport.BuildServices(HostRequest.Default);
            string modelDir = CommandSupport.ModelDirectory(result.GetRequiredValue(_model), CommandSupport.ContentRootOf(host));
            SavedModel saved = new ModelStore(CommandSupport.Registry(host)).Load(modelDir, BatchSize);
            string[] inputs = result.GetValue(_input) is { Length: > 0 } given ? given : ["-"];
            var rows = new List<(string Source, float[] Values)>();
            foreach (string input in inputs)
                rows.AddRange(input == "-" ? ReadJsonLines(Console.In, saved) : ReadCsv(input, saved));
            Predict(saved, rows, result.GetValue(_top), result.GetValue(_format) == "json");
            return ExitCodes.Success;
        }));
    }

    private static void Predict(SavedModel saved, List<(string Source, float[] Values)> rows, int top, bool json)
    {
        SequentialModel model = saved.Model;
        var x = new Tensor(BatchSize, model.InputShape);
        IReadOnlyList<string>? classes = saved.Metadata.ClassNames;
        for (int start = 0; start < rows.Count; start += BatchSize)
        {
            int n = Math.Min(BatchSize, rows.Count - start);
            x.SetBatchSize(n);
            for (int i = 0; i < n; i++) rows[start + i].Values.CopyTo(x.Sample(i));
            saved.Normalizer.Apply(x);
            Tensor y = model.Predict(x);
            saved.Normalizer.Targets?.Inverse(y); // regression trained on standardised targets: back to the data's units
            for (int i = 0; i < n; i++)
            {
                float[] output = y.Sample(i).ToArray();
                string source = rows[start + i].Source;
                if (classes is null)
                {
                    Console.Out.WriteLine(json
                        ? new JsonObject { ["input"] = source, ["values"] = new JsonArray(output.Select(v => (JsonNode)v).ToArray()) }.ToJsonString()
                        : $"{source}\t{string.Join('\t', output.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))}");
                    continue;
                }
                // One sigmoid output is the probability of the second class.
                float[] probabilities = output.Length == 1 && classes.Count == 2 ? [1 - output[0], output[0]] : output;
                var best = probabilities.Select((p, c) => (Class: c < classes.Count ? classes[c] : c.ToString(CultureInfo.InvariantCulture), P: p))
                    .OrderByDescending(t => t.P).ThenBy(t => t.Class, StringComparer.Ordinal).Take(top).ToArray();
                Console.Out.WriteLine(json
                    ? new JsonObject { ["input"] = source, ["top"] = new JsonArray(best.Select(b => (JsonNode)new JsonObject { ["class"] = b.Class, ["probability"] = b.P }).ToArray()) }.ToJsonString()
                    : $"{source}\t{string.Join('\t', best.Select(b => $"{b.Class} {b.P.ToString("F4", CultureInfo.InvariantCulture)}"))}");
            }
        }
    }

    /// <summary>JSON lines: each non-empty line an array of the model's input size, or an object naming the model's features.</summary>
    private static IEnumerable<(string, float[])> ReadJsonLines(TextReader reader, SavedModel saved)
    {
        int size = saved.Model.InputShape.Size;
        for (int number = 1; reader.ReadLine() is { } line; number++)
        {
            if (line.Length > MaxLineLength) throw new DataFormatException("stdin", $"line is over {MaxLineLength} characters.", number);
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException e)
            {
                throw new DataFormatException("stdin", $"not valid JSON at position {e.BytePositionInLine + 1}: '{Quote.Short(line)}'.", number, e);
            }
            float[] values = node switch
            {
                JsonArray array => array.Count == size ? array.Select(v => Number(v, "stdin", number)).ToArray()
                    : throw new DataFormatException("stdin", $"has {array.Count} values; the model takes {size} ({saved.Model.InputShape}).", number),
                JsonObject obj when saved.Metadata.FeatureNames is { } names => names.Select(n => obj.FirstOrDefault(kv => string.Equals(kv.Key, n, StringComparison.OrdinalIgnoreCase)).Value is { } v
                    ? Number(v, "stdin", number)
                    : throw new DataFormatException("stdin", $"has no value for feature '{n}'. The model's features: {Quote.Short(string.Join(", ", names))}.", number)).ToArray(),
                _ => throw new DataFormatException("stdin", $"expected an array of {size} numbers{(saved.Metadata.FeatureNames is null ? "" : " or an object of feature → value")}, got '{Quote.Short(line)}'.", number),
            };
            yield return ($"stdin:{number}", values);
        }
    }

    private static float Number(JsonNode? node, string file, long line)
    {
        try
        {
            if (node is JsonValue v && v.TryGetValue(out double d) && double.IsFinite(d)) return (float)d;
        }
        catch (InvalidOperationException) { }
        throw new DataFormatException(file, $"expected a number, got '{Quote.Short(node?.ToJsonString() ?? "null")}'.", line);
    }

    /// <summary>CSV rows: with a header, the model's features by name (other columns ignored); without, exactly the model's input size per row.</summary>
    private static IEnumerable<(string, float[])> ReadCsv(string path, SavedModel saved)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new DataFormatException(full, "not found.");
        if (!string.Equals(Path.GetExtension(full), ".csv", StringComparison.OrdinalIgnoreCase))
            throw new ConfigurationException("--input", $"'{Quote.Short(path)}': predict reads CSV files (.csv) or JSON lines on standard input.");
        int size = saved.Model.InputShape.Size;
        using var reader = new StreamReader(full);
        int[]? columns = null;
        for (int number = 1; reader.ReadLine() is { } line; number++)
        {
            if (line.Length > MaxLineLength) throw new DataFormatException(full, $"line is over {MaxLineLength} characters.", number);
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] cells = line.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
            if (number == 1 && !float.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                IReadOnlyList<string> names = saved.Metadata.FeatureNames
                    ?? throw new DataFormatException(full, "has a header, but the model does not name its features: give rows of numbers only.", number);
                columns = names.Select(n => Array.FindIndex(cells, c => string.Equals(c, n, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i
                    : throw new DataFormatException(full, $"the header has no column '{Quote.Short(n)}'. The model's features: {Quote.Short(string.Join(", ", names))}.", number)).ToArray();
                continue;
            }
            if (columns is null && cells.Length != size)
                throw new DataFormatException(full, $"has {cells.Length} values; the model takes {size} ({saved.Model.InputShape}).", number);
            var values = new float[size];
            for (int k = 0; k < size; k++)
            {
                int c = columns?[k] ?? k;
                if (c >= cells.Length || !float.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !float.IsFinite(values[k]))
                    throw new DataFormatException(full, $"column {c + 1}: expected a number, got '{Quote.Short(c < cells.Length ? cells[c] : "")}'.", number);
            }
            yield return ($"{Path.GetFileName(full)}:{number}", values);
        }
    }
}
