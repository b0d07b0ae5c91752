using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using NeuralNet.Data;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Persistence;
using NeuralNet.Errors;
using NeuralNet.Host.Configuration;
using NeuralNet.Tensors;

namespace NeuralNet.Host.Commands;

/// <summary>
/// <c>predict --model DIR [FILE|FOLDER ...] [--input FILE ...] [--top K] [--format table|json]</c>: predictions of a
/// saved model for rows of a CSV file (with a header naming the model's features, or exactly the model's number of
/// values per row); for raw input files such as images, and folders of them (walked in sorted order, hidden entries
/// skipped), read as the model's <c>input</c> record says (<see cref="IInputReader"/>, created by the name the model
/// file records); or, without inputs (or with <c>-</c>), JSON lines on standard input (an array of numbers, or an
/// object of feature name → value). The saved preprocessing is applied. A classifier prints the top-k class names
/// with probabilities; a regressor its output values. Nothing is printed unless every input was read.
/// </summary>
public sealed class PredictCommand : Command
{
    private const int BatchSize = 256;
    private const int MaxLineLength = 1 << 20;
    private readonly Option<string> _model = CommandSupport.ModelOption();
    private readonly Argument<string[]> _inputs = new("inputs")
    {
        Description = "What to predict: CSV files (.csv), raw input files the model records how to read (images) or folders of them, '-' for JSON lines on standard input (the default).",
        HelpName = "FILE|FOLDER",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<string[]> _input = new("--input", "-i")
    {
        Description = "Same as the inputs: CSV files, image files or folders, '-' for JSON lines on standard input.",
        HelpName = "FILE",
        AllowMultipleArgumentsPerToken = true,
    };
    private readonly Option<int> _top = new("--top", "-k") { Description = "Classifiers: how many classes to print per row (default 3).", DefaultValueFactory = _ => 3 };
    private readonly Option<string> _format = CommandSupport.FormatOption();

    public PredictCommand() : base("predict", "Predict with a saved model: CSV rows, image files or folders, or JSON lines on standard input; top-k classes with probabilities, or regression values.")
    {
        Arguments.Add(_inputs);
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
            string[] inputs = [.. result.GetValue(_input) ?? [], .. result.GetValue(_inputs) ?? []];
            IEnumerable<Row> rows = (inputs.Length > 0 ? inputs : ["-"]).SelectMany(input => Rows(input, saved, modelDir));
            // Every input is read before anything is printed: an error leaves no partial output.
            List<string> lines = Predict(saved, rows, result.GetValue(_top), result.GetValue(_format) == "json");
            foreach (string line in lines) Console.Out.WriteLine(line);
            return ExitCodes.Success;
        }));
    }

    /// <summary>One input: its name in the output, and its values (CSV, JSON lines) or the raw file the model's input reader reads.</summary>
    private readonly record struct Row(string Source, float[]? Values, string? File);

    private static IEnumerable<Row> Rows(string input, SavedModel saved, string modelDir)
    {
        if (input == "-") return ReadJsonLines(Console.In, saved);
        string full = Path.GetFullPath(input);
        bool folder = Directory.Exists(full);
        if (!folder && !File.Exists(full)) throw new DataFormatException(full, "not found.");
        if (!folder && string.Equals(Path.GetExtension(full), ".csv", StringComparison.OrdinalIgnoreCase)) return ReadCsv(full, saved);
        // Anything else is a raw input (an image, or a folder of them) for the reader the model file records.
        IInputReader reader = saved.InputReader ?? throw NoInputRecord(input, saved, modelDir);
        var files = folder ? Walk(input, full, reader, saved.Metadata.Input!.Reader) : [(input, full)];
        return files.Select(f => new Row(f.Source, null, f.Path));
    }

    /// <summary>
    /// Every file under <paramref name="folder"/> the model's reader accepts, hidden files and folders skipped, in the
    /// order the image_folder source reads a folder: by folder, then by file name (ordinal), at every level. Links to
    /// folders met on the way are not followed (a link back up would never end). Each file is named in the output by
    /// <paramref name="input"/> (the folder as given) and its path below it.
    /// </summary>
    private static (string Source, string Path)[] Walk(string input, string folder, IInputReader reader, string readerName)
    {
        var found = new List<string>();
        Collect(folder, "", reader, found);
        if (found.Count == 0)
            throw new DataFormatException(folder, $"holds no file the model's '{readerName}' input reader reads (hidden files and folders are skipped).");
        // The separator sorts before every character, so a folder's files come before those of a folder named like it plus a suffix.
        return found.OrderBy(relative => relative.Replace(Path.DirectorySeparatorChar, '\0'), StringComparer.Ordinal)
            .Select(relative => (Path.Combine(input, relative), Path.Combine(folder, relative))).ToArray();
    }

    private static void Collect(string folder, string relative, IInputReader reader, List<string> found)
    {
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(folder, $"cannot be read: {e.Message}", inner: e);
        }
        foreach (string entry in entries)
        {
            string name = Path.GetFileName(entry);
            if (name.StartsWith('.')) continue;
            string below = relative.Length == 0 ? name : Path.Combine(relative, name);
            if (!Directory.Exists(entry)) { if (reader.Accepts(name)) found.Add(below); }
            else if (new DirectoryInfo(entry).LinkTarget is null) Collect(entry, below, reader, found);
        }
    }

    private static NeuralNetException NoInputRecord(string input, SavedModel saved, string modelDir)
        => saved.Model.InputShape.Rank > 1
            ? new ModelFormatException(Path.Combine(modelDir, ModelStore.ModelFile),
                $"records no \"input\" (how an image file becomes a sample: colour, size, pixel scaling), so it cannot read '{Quote.Short(input)}'. "
                + "It was saved before models recorded their input: train it again to predict on image files, or give rows of numbers (a .csv file, or JSON lines on standard input).")
            : new ConfigurationException("inputs",
                $"'{Quote.Short(input)}': this model reads CSV files (.csv) or JSON lines on standard input; its data was not read from files one per sample.");

    /// <summary>Predicts <paramref name="rows"/> a batch at a time, returning the output lines.</summary>
    private static List<string> Predict(SavedModel saved, IEnumerable<Row> rows, int top, bool json)
    {
        var lines = new List<string>();
        var x = new Tensor(BatchSize, saved.Model.InputShape);
        var sources = new string[BatchSize];
        int n = 0;
        foreach (Row row in rows)
        {
            Span<float> sample = x.Sample(n);
            if (row.Values is { } values) values.CopyTo(sample);
            else saved.InputReader!.Read(row.File!, sample);
            sources[n++] = row.Source;
            if (n < BatchSize) continue;
            Flush(saved, x, sources, n, top, json, lines);
            n = 0;
        }
        if (n > 0) Flush(saved, x, sources, n, top, json, lines);
        return lines;
    }

    /// <summary>Normalises and predicts the first <paramref name="n"/> samples of <paramref name="x"/>, adding one line each, and restores the full batch.</summary>
    private static void Flush(SavedModel saved, Tensor x, string[] sources, int n, int top, bool json, List<string> lines)
    {
        IReadOnlyList<string>? classes = saved.Metadata.ClassNames;
        x.SetBatchSize(n);
        saved.Normalizer.Apply(x);
        Tensor y = saved.Model.Predict(x);
        saved.Normalizer.Targets?.Inverse(y); // regression trained on standardised targets: back to the data's units
        for (int i = 0; i < n; i++)
        {
            float[] output = y.Sample(i).ToArray();
            string source = sources[i];
            if (classes is null)
            {
                lines.Add(json
                    ? new JsonObject { ["input"] = source, ["values"] = new JsonArray(output.Select(v => (JsonNode)v).ToArray()) }.ToJsonString()
                    : $"{source}\t{string.Join('\t', output.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))}");
                continue;
            }
            // One sigmoid output is the probability of the second class.
            float[] probabilities = output.Length == 1 && classes.Count == 2 ? [1 - output[0], output[0]] : output;
            var best = probabilities.Select((p, c) => (Class: c < classes.Count ? classes[c] : c.ToString(CultureInfo.InvariantCulture), P: p))
                .OrderByDescending(t => t.P).ThenBy(t => t.Class, StringComparer.Ordinal).Take(top).ToArray();
            lines.Add(json
                ? new JsonObject { ["input"] = source, ["top"] = new JsonArray(best.Select(b => (JsonNode)new JsonObject { ["class"] = b.Class, ["probability"] = b.P }).ToArray()) }.ToJsonString()
                : $"{source}\t{string.Join('\t', best.Select(b => $"{b.Class} {b.P.ToString("F4", CultureInfo.InvariantCulture)}"))}");
        }
        x.SetBatchSize(BatchSize);
    }

    /// <summary>JSON lines: each non-empty line an array of the model's input size, or an object naming the model's features.</summary>
    private static IEnumerable<Row> ReadJsonLines(TextReader reader, SavedModel saved)
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
            yield return new Row($"stdin:{number}", values, null);
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
    private static IEnumerable<Row> ReadCsv(string full, SavedModel saved)
    {
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
            yield return new Row($"{Path.GetFileName(full)}:{number}", values, null);
        }
    }
}
