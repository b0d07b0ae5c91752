using System.Globalization;
using System.Text.Json;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace Acme.JsonLines.DataSources;

/// <summary>
/// A classification data set from a JSON-lines file: one object per line, <c>{"features": [0.5, -1.2], "label": "cat"}</c>.
/// Blank lines are skipped. Output: features <c>[rows, width]</c> (every line the same width), targets one-hot
/// <c>[rows, classes]</c> with the classes the distinct labels in ordinal order. A line that is not a JSON object,
/// lacks a key, has a non-number feature or another width is a <see cref="DataFormatException"/> naming the file and
/// line (exit code 3).
/// </summary>
[Component("acme>jsonl", Description = "Numeric features and a class label per line of a JSON-lines file.")]
public sealed class JsonLinesDataSource(JsonLinesOptions options) : IDataSource
{
    public DataSet Load(DataLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string path = context.Resolve(options.Path);
        if (!File.Exists(path))
            throw new DataFormatException(path, $"file not found ({context.ConfigPath}:Path is '{options.Path}').");

        var features = new List<float>();
        var labels = new List<string>();
        int width = -1;
        long lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            cancellationToken.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(line)) continue;
            int count = ReadLine(line, path, lineNumber, features, labels);
            if (width < 0) width = count;
            else if (count != width)
                throw new DataFormatException(path, $"'{options.Features}' has {count} values; the first line had {width}.", lineNumber);
        }
        if (labels.Count == 0) throw new DataFormatException(path, "no data lines.");

        string[] classes = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var targets = new float[labels.Count * classes.Length];
        for (int r = 0; r < labels.Count; r++) targets[r * classes.Length + index[labels[r]]] = 1;
        return new DataSet(new Tensor(features.ToArray(), labels.Count, new TensorShape(width)),
            new Tensor(targets, labels.Count, new TensorShape(classes.Length)), classes, path);
    }

    /// <summary>Appends one line's features and label; returns how many features it had.</summary>
    private int ReadLine(string line, string path, long lineNumber, List<float> features, List<string> labels)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"not valid JSON: {e.Message}", lineNumber, e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new DataFormatException(path, $"expected a JSON object, found {root.ValueKind}.", lineNumber);
            if (!root.TryGetProperty(options.Features, out JsonElement values) || values.ValueKind != JsonValueKind.Array)
                throw new DataFormatException(path, $"expected an array of numbers under '{options.Features}'.", lineNumber);
            if (!root.TryGetProperty(options.Label, out JsonElement label) || label.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                throw new DataFormatException(path, $"expected a string or integer label under '{options.Label}'.", lineNumber);

            int count = 0;
            foreach (JsonElement value in values.EnumerateArray())
            {
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out float f) || !float.IsFinite(f))
                    throw new DataFormatException(path, $"'{options.Features}'[{count}] is {value.GetRawText()}, not a finite number.", lineNumber);
                features.Add(f);
                count++;
            }
            if (count == 0) throw new DataFormatException(path, $"'{options.Features}' is empty.", lineNumber);
            labels.Add(label.ValueKind == JsonValueKind.String
                ? label.GetString()!
                : label.TryGetInt64(out long n) ? n.ToString(CultureInfo.InvariantCulture)
                : throw new DataFormatException(path, $"label {label.GetRawText()} is not an integer.", lineNumber));
            return count;
        }
    }
}
