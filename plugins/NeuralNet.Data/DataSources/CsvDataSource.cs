using System.Globalization;
using System.Text;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.DataSources.Internal;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.DataSources;

/// <summary>
/// Reads a table from a CSV file (RFC 4180): numeric feature columns and one target column.
/// </summary>
/// <remarks>
/// <para>
/// Parsing: fields separated by <see cref="CsvDataSourceOptions.Delimiter"/>; quoted fields may hold delimiters,
/// line breaks and doubled quotes; CRLF, LF or CR line ends; a UTF-8 byte-order mark is skipped; blank lines
/// (including a trailing one) are skipped; spaces around unquoted fields are dropped. Numbers use the invariant
/// culture (<c>5.1</c>, <c>1e-3</c>). The file is streamed once, record by record, into one feature array.
/// </para>
/// <para>
/// Columns: the header (<see cref="CsvHeader"/>) names them; <see cref="CsvDataSourceOptions.Target"/> (default the
/// last) is the target and <see cref="CsvDataSourceOptions.Features"/> (default every other column) the features.
/// Rows must pass every filter; <see cref="CsvDataSourceOptions.MaxRows"/> then caps how many are kept. Columns that
/// are neither features, target nor filtered on are not parsed.
/// </para>
/// <para>
/// Output: features <c>[rows, features]</c> named after their columns. Classification (see <see cref="CsvTask.Auto"/>
/// for how it is chosen): targets one-hot <c>[rows, classes]</c> with class names; regression: <c>[rows, 1]</c>.
/// </para>
/// <para>
/// Errors, each a <see cref="DataFormatException"/> naming the file and, where there is one, the 1-based line: a
/// missing file; a row with the wrong number of fields; an empty, non-numeric or non-finite feature value (naming
/// the column and value); an empty target; an unterminated quote; no data rows. Options that name no column of the
/// file throw <see cref="ConfigurationException"/> with their key and the columns available.
/// </para>
/// <example>
/// scikit-learn's iris, whose first line is <c>150,4,setosa,versicolor,virginica</c>:
/// <code>"Data": { "Type": "csv", "Path": "datasets/iris.csv", "Header": "sklearn" }</code>
/// A file with named columns, two features, versicolor against virginica only:
/// <code>"Data": { "Type": "csv", "Path": "iris.csv", "Target": "species", "Features": [ "petal_length", "petal_width" ],
///            "Filters": [ "species != setosa" ] }</code>
/// </example>
/// </remarks>
[Component("csv", Description = "Numeric features and a class or value target from a CSV file (RFC 4180).")]
public sealed class CsvDataSource : IDataSource
{
    private const int CancellationInterval = 4096;

    private readonly CsvDataSourceOptions _options;

    public CsvDataSource(CsvDataSourceOptions options) => _options = OptionsGuard.Validate(options, nameof(options));

    public DataSet Load(DataLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string path = context.Resolve(_options.Path);
        if (!File.Exists(path))
            throw new DataFormatException(path, Directory.Exists(path)
                ? "is a directory, not a CSV file."
                : $"file not found ({context.ConfigPath}:Path is '{_options.Path}', resolved against '{context.BaseDirectory}').");

        SpecialFiles.RequireData(path, "data rows");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var reader = new CsvRecordReader(text, _options.DelimiterCharacter()!.Value, path);
        var fields = new List<string>();

        if (!reader.TryRead(fields))
            throw new DataFormatException(path, "the file is empty: no data rows.");
        long headerLine = reader.RecordLine;
        (int Rows, string[] Classes)? sklearn = null;
        string[] columns;
        bool firstIsData = false;
        switch (_options.Header)
        {
            case CsvHeader.Names:
                columns = fields.ToArray();
                CheckNames(columns, path, headerLine);
                break;
            case CsvHeader.None:
                columns = IndexNames(fields.Count);
                firstIsData = true;
                break;
            default:
                var header = ParseSklearnHeader(fields, path, headerLine);
                sklearn = (header.Rows, header.Classes);
                columns = IndexNames(header.Features + 1);
                break;
        }
        if (columns.Length < 2)
            throw new DataFormatException(path, $"needs at least two columns (features and a target), found {columns.Length}.", headerLine);

        var layout = ResolveColumns(columns, sklearn is not null, context.ConfigPath);
        var target = new CsvTargetCollector(path, columns[layout.Target], _options.Task,
            sklearn?.Classes ?? (IReadOnlyList<string>?)_options.ClassNames, classIndices: sklearn is not null);
        int featureCount = layout.Features.Length;
        var features = new float[Math.Min(_options.MaxRows ?? 1024, 1024) * featureCount];
        int kept = 0;
        long records = 0;
        bool capped = false;

        for (bool more = firstIsData || reader.TryRead(fields); more; more = reader.TryRead(fields))
        {
            long line = reader.RecordLine;
            if (++records % CancellationInterval == 0) cancellationToken.ThrowIfCancellationRequested();
            if (fields.Count != columns.Length)
                throw new DataFormatException(path, $"expected {columns.Length} fields, found {fields.Count}.", line);
            if (!Passes(layout.Filters, fields)) continue;

            if ((long)(kept + 1) * featureCount > features.Length)
            {
                long grown = Math.Max(2L * features.Length, (long)(kept + 1) * featureCount);
                if ((long)(kept + 1) * featureCount > Array.MaxLength)
                    throw new DataFormatException(path, $"{kept + 1} rows of {featureCount} features do not fit in one array; set MaxRows.", line);
                Array.Resize(ref features, (int)Math.Min(grown, Array.MaxLength));
            }
            Span<float> row = features.AsSpan(kept * featureCount, featureCount);
            for (int f = 0; f < featureCount; f++)
                row[f] = ParseFeature(fields[layout.Features[f]], columns[layout.Features[f]], path, line);
            target.Add(fields[layout.Target], line);
            kept++;
            if (kept == _options.MaxRows)
            {
                capped = true;
                break;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        if (sklearn is { } declared && !capped && declared.Rows != records)
            throw new DataFormatException(path, $"the header says {declared.Rows} rows, but the file holds {records}.", headerLine);
        if (kept == 0)
            throw new DataFormatException(path, records == 0
                ? "no data rows."
                : $"no data rows left: the {layout.Filters.Length} filter(s) in {context.ConfigPath}:Filters removed all {records}.");

        if (features.Length != kept * featureCount) Array.Resize(ref features, kept * featureCount);
        var (targets, classNames) = target.Build();
        return new DataSet(new Tensor(features, kept, new TensorShape(featureCount)), targets, classNames, path)
        {
            FeatureNames = layout.Features.Select(i => columns[i]).ToArray(),
        };
    }

    private static bool Passes(CsvRowFilter[] filters, List<string> fields)
    {
        foreach (CsvRowFilter filter in filters)
            if (!filter.Matches(fields[filter.Column])) return false;
        return true;
    }

    private static float ParseFeature(string field, string column, string path, long line)
    {
        if (CsvValues.TryFloat(field, out float value)) return value;
        throw new DataFormatException(path, field.Length == 0
            ? $"feature column '{column}' is empty (missing data)."
            : $"feature column '{column}' has non-numeric value '{field}' (expected a finite number such as 5.1 or -2e-3).", line);
    }

    private (int Target, int[] Features, CsvRowFilter[] Filters) ResolveColumns(string[] columns, bool sklearn, string configPath)
    {
        int target = columns.Length - 1;
        if (_options.Target is not null)
        {
            target = CsvValues.FindColumn(columns, _options.Target);
            if (target < 0)
                throw new ConfigurationException($"{configPath}:Target",
                    $"no column '{_options.Target}' in the file. Columns (name or 0-based index): {CsvValues.Describe(columns)}.");
            if (sklearn && target != columns.Length - 1)
                throw new ConfigurationException($"{configPath}:Target",
                    $"with the sklearn header the target is the last column (class indices), {columns.Length - 1}; got '{_options.Target}'.");
        }

        int[] features;
        if (_options.Features is null)
        {
            features = Enumerable.Range(0, columns.Length).Where(i => i != target).ToArray();
        }
        else
        {
            features = new int[_options.Features.Count];
            for (int i = 0; i < features.Length; i++)
            {
                string reference = _options.Features[i];
                int index = CsvValues.FindColumn(columns, reference);
                string problem = index < 0 ? $"no column '{reference}' (item {i}) in the file."
                    : index == target ? $"column '{columns[index]}' (item {i}) is the target; it cannot also be a feature."
                    : Array.IndexOf(features, index, 0, i) >= 0 ? $"column '{columns[index]}' (item {i}) is listed twice."
                    : "";
                if (problem.Length > 0)
                    throw new ConfigurationException($"{configPath}:Features",
                        $"{problem} Columns (name or 0-based index): {CsvValues.Describe(columns)}.");
                features[i] = index;
            }
        }

        CsvRowFilter[] filters = (_options.Filters ?? [])
            .Select((filter, i) => CsvRowFilter.Parse(filter, columns, $"{configPath}:Filters:{i}"))
            .ToArray();
        return (target, features, filters);
    }

    private static string[] IndexNames(int count)
        => Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static void CheckNames(string[] columns, string path, long line)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length == 0) continue; // an unnamed column is still reachable by index
            if (!seen.TryAdd(columns[i], i))
                throw new DataFormatException(path,
                    $"column name '{columns[i]}' appears twice in the header (columns {seen[columns[i]]} and {i}, 0-based).", line);
        }
    }

    private static (int Rows, int Features, string[] Classes) ParseSklearnHeader(List<string> fields, string path, long line)
    {
        int rows = 0, featureCount = 0;
        bool ok = fields.Count >= 3
            && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out rows)
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out featureCount)
            && featureCount >= 1 && fields.Skip(2).All(f => f.Length > 0);
        if (!ok)
            throw new DataFormatException(path,
                $"the sklearn header reads 'rows,features,class0,class1,...' (e.g. 150,4,setosa,versicolor,virginica); found '{string.Join(",", fields)}'.", line);
        string[] classes = fields.Skip(2).ToArray();
        string? repeated = classes.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
            throw new DataFormatException(path, $"the sklearn header names class '{repeated}' twice.", line);
        return (rows, featureCount, classes);
    }
}
