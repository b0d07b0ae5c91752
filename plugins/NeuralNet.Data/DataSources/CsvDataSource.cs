using System.Globalization;
using System.Text;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.DataSources.Internal;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.DataSources;

/// <summary>
/// Reads a table from a CSV file (RFC 4180): feature columns (numbers, or text one-hot encoded) and one or more
/// target columns, from one file or with the targets in a second, row-aligned one. Every option, with an example, is
/// in <c>docs/data.md</c>.
/// </summary>
/// <remarks>
/// <para>
/// Parsing: gzip is recognised by content; fields separated by <see cref="CsvDataSourceOptions.Delimiter"/> (one
/// character, tab, or runs of whitespace); quoted fields may hold delimiters, line breaks and doubled quotes; CRLF,
/// LF or CR line ends; a UTF-8 byte-order mark is skipped; <see cref="CsvDataSourceOptions.SkipRows"/> leading lines
/// and blank lines are skipped; spaces around unquoted fields are dropped. Numbers use the invariant culture
/// (<c>5.1</c>, <c>1e-3</c>). The file is streamed once, record by record.
/// </para>
/// <para>
/// Columns: the header (<see cref="CsvHeader"/>) names them; <see cref="CsvDataSourceOptions.Target"/> (default the
/// last, or every column of <see cref="CsvDataSourceOptions.TargetPath"/>) or <see cref="CsvDataSourceOptions.Targets"/>
/// are the targets and <see cref="CsvDataSourceOptions.Features"/> (default every other column) the features. A
/// feature column whose first present value is text, or listed in <see cref="CsvDataSourceOptions.Categorical"/>,
/// is one-hot over its sorted categories (<see cref="DataSet.Columns"/>; given back through
/// <see cref="DataLoadContext.Columns"/> the saved categories are used and an unknown one is an error). Rows must
/// pass every filter; rows with missing values are rejected, dropped, or kept with NaN for the engine to impute
/// (<see cref="CsvDataSourceOptions.Missing"/>); <see cref="CsvDataSourceOptions.MaxRows"/> caps how many are kept.
/// </para>
/// <para>
/// Output: features <c>[rows, features]</c> named after their columns (<c>color=red</c> for one-hot ones). One target
/// column: classification (see <see cref="CsvTask.Auto"/>) gives one-hot <c>[rows, classes]</c> with the classes that
/// remain after filtering, regression <c>[rows, 1]</c>. Several: multi-label <c>[rows, labels]</c> in {0, 1} when every
/// value is 0 or 1 (<see cref="DataSet.IsMultiLabel"/>), else multi-output regression. A
/// <see cref="CsvDataSourceOptions.TestPath"/> becomes <see cref="DataSet.Test"/>, encoded as training was.
/// </para>
/// <para>
/// Errors, each a <see cref="DataFormatException"/> naming the file and, where there is one, the 1-based line: a
/// missing file; a corrupt or truncated gzip file; a row with the wrong number of fields; a missing value (naming
/// the column); a non-numeric or non-finite value in a numeric column; an unknown category; an unterminated quote;
/// no data rows; a targets file whose row count differs (naming both counts). Options that name no column of the
/// file throw <see cref="ConfigurationException"/> with their key and the columns available.
/// </para>
/// <example>
/// scikit-learn's iris, whose first line is <c>150,4,setosa,versicolor,virginica</c>:
/// <code>"Data": { "Type": "csv", "Path": "datasets/iris.csv", "Header": "sklearn" }</code>
/// scikit-learn's diabetes, whitespace-separated, gzip, targets in a second file:
/// <code>"Data": { "Type": "csv", "Path": "diabetes_data_raw.csv.gz", "TargetPath": "diabetes_target.csv.gz", "Delimiter": "whitespace", "Header": "none" }</code>
/// </example>
/// </remarks>
[Component("csv", Description = "A table from a CSV file (RFC 4180, gzip, any delimiter): numeric and one-hot text features; class, label or value targets.")]
public sealed class CsvDataSource : IDataSource
{
    private const int CancellationInterval = 4096;

    private readonly CsvDataSourceOptions _options;

    public CsvDataSource(CsvDataSourceOptions options) => _options = OptionsGuard.Validate(options, nameof(options));

    public DataSet Load(DataLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        DataSet train = LoadFile(context, _options.Path, _options.TargetPath, "Path", "TargetPath", null, cancellationToken);
        if (_options.TestPath is null) return train;

        // The test file is encoded as training was: the same columns and categories, the same classes.
        DataSet test = LoadFile(context with { Columns = train.Columns }, _options.TestPath, _options.TestTargetPath, "TestPath", "TestTargetPath",
            train.ClassNames, cancellationToken);
        return new DataSet(train.Features, train.Targets, train.ClassNames, train.Source)
        {
            FeatureNames = train.FeatureNames,
            Columns = train.Columns,
            ImputeMissing = train.ImputeMissing,
            IsMultiLabel = train.IsMultiLabel,
            Test = test,
        };
    }

    private DataSet LoadFile(DataLoadContext context, string configured, string? configuredTargets, string key, string targetKey,
        IReadOnlyList<string>? trainingClasses, CancellationToken cancellationToken)
    {
        string path = CsvText.Resolve(context, configured, $"{context.ConfigPath}:{key}");
        string? targetPath = configuredTargets is null ? null : CsvText.Resolve(context, configuredTargets, $"{context.ConfigPath}:{targetKey}");
        string reading = path;
        try
        {
            TargetFile? targetFile = null;
            if (targetPath is not null)
            {
                reading = targetPath;
                targetFile = ReadTargetFile(targetPath, $"{context.ConfigPath}:{targetKey}", cancellationToken);
                reading = path;
            }
            return Load(context, path, targetFile, trainingClasses, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw CsvText.Corrupt(reading, e);
        }
    }

    /// <param name="trainingClasses">For a test file, the training file's classes, which fix the target columns.</param>
    private DataSet Load(DataLoadContext context, string path, TargetFile? targetFile, IReadOnlyList<string>? trainingClasses, CancellationToken cancellationToken)
    {
        using StreamReader text = CsvText.Open(path);
        var reader = new CsvRecordReader(text, _options.DelimiterCharacter()!.Value, path);
        reader.SkipLines(_options.SkipRows);
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
                if (header.Classes.Length > 0)
                {
                    if (_options.Task == CsvTask.Regression)
                        throw new ConfigurationException($"{context.ConfigPath}:Task",
                            $"the sklearn header of {path} names classes ({string.Join(", ", header.Classes)}), so its last column holds class indices; Task cannot be regression.");
                    if (targetFile is not null)
                        throw new ConfigurationException($"{context.ConfigPath}:TargetPath",
                            $"the sklearn header of {path} names classes, so its last column holds the targets; remove TargetPath.");
                    columns = IndexNames(header.Features + 1);
                    break;
                }
                // A regression file: the second line names the columns (features, then the targets unless they are in TargetPath).
                int expected = targetFile is null ? header.Features + 1 : header.Features;
                if (!reader.TryRead(fields) || fields.Count != expected)
                    throw new DataFormatException(path,
                        $"the sklearn header '{header.Rows},{header.Features}' (a regression file) must be followed by a line of {expected} column names; found {fields.Count} field(s).", reader.RecordLine);
                columns = fields.ToArray();
                CheckNames(columns, path, reader.RecordLine);
                break;
        }
        if (columns.Length < 2 && targetFile is null)
            throw new DataFormatException(path, $"needs at least two columns (features and a target), found {columns.Length}.", headerLine);

        var layout = ResolveColumns(columns, targetFile?.Columns, sklearn is { Classes.Length: > 0 }, context.ConfigPath);
        string targetSource = targetFile?.Path ?? path;
        string[] targetColumns = targetFile?.Columns ?? columns;
        bool several = layout.Targets.Length > 1;
        CsvTask task = sklearn is { Classes.Length: 0 } && _options.Task == CsvTask.Auto ? CsvTask.Regression : _options.Task;
        var target = several ? null : new CsvTargetCollector(targetSource, targetColumns[layout.Targets[0]], task,
            sklearn is { Classes.Length: > 0 } s ? s.Classes : trainingClasses ?? _options.ClassNames, classIndices: sklearn is { Classes.Length: > 0 });
        var targets = several ? new CsvTargetColumns(targetSource, layout.Targets.Select(i => targetColumns[i]).ToArray(), task) : null;
        var features = new CsvFeatureTable(path, layout.Features.Select(i => columns[i]).ToArray(), layout.Features,
            layout.Features.Select(i => layout.Categorical.Contains(i)).ToArray(), _options.Missing, _options.MissingValues, context.Columns);
        int kept = 0, dropped = 0;
        long records = 0;
        bool capped = false;

        for (bool more = firstIsData || reader.TryRead(fields); more; more = reader.TryRead(fields))
        {
            long line = reader.RecordLine;
            if (++records % CancellationInterval == 0) cancellationToken.ThrowIfCancellationRequested();
            if (capped || (targetFile is not null && records > targetFile.Rows.Count)) continue; // only counted, for the row-count checks
            if (fields.Count != columns.Length)
                throw new DataFormatException(path, $"expected {columns.Length} fields, found {fields.Count}.", line);
            if (!Passes(layout.Filters, fields)) continue;

            (List<string> targetFields, long targetLine) = targetFile is null ? (fields, line) : targetFile.Rows[(int)records - 1];
            if (MissingTarget(features, targetFields, layout.Targets, targetColumns, targetSource, targetLine) || features.Drops(fields, line))
            {
                dropped++;
                continue;
            }
            features.Add(fields, line);
            if (target is not null) target.Add(targetFields[layout.Targets[0]], targetLine);
            else targets!.Add(targetFields, layout.Targets, targetLine);
            // With a targets file every row is still counted, to compare the two files' row counts.
            if (++kept == _options.MaxRows)
            {
                capped = true;
                if (targetFile is null) break;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        if (targetFile is not null && records != targetFile.Rows.Count)
            throw new DataFormatException(path,
                $"holds {records} data rows, but the targets file {targetFile.Path} ({targetFile.Key}) holds {targetFile.Rows.Count}; the two files must be row-aligned.");
        if (sklearn is { } declared && (!capped || targetFile is not null) && declared.Rows != records)
            throw new DataFormatException(path, $"the header says {declared.Rows} rows, but the file holds {records}.", headerLine);
        if (kept == 0)
            throw new DataFormatException(path, records == 0
                ? "no data rows."
                : dropped > 0
                ? $"no data rows left: {dropped} of {records} had missing values and were dropped (Missing is \"drop\"), the filters removed the rest."
                : $"no data rows left: the {layout.Filters.Length} filter(s) in {context.ConfigPath}:Filters removed all {records}.");

        var (x, featureNames, featureColumns) = features.Build();
        Tensor y;
        IReadOnlyList<string>? classNames;
        bool multiLabel = false;
        if (target is not null)
        {
            (y, classNames) = target.Build(dropUnusedClasses: trainingClasses is null && (layout.Filters.Length > 0 || dropped > 0));
        }
        else
        {
            (y, string[]? labels) = targets!.Build();
            classNames = labels;
            multiLabel = labels is not null;
        }
        return new DataSet(x, y, classNames, path)
        {
            FeatureNames = featureNames,
            Columns = featureColumns,
            ImputeMissing = _options.Missing == CsvMissing.Impute,
            IsMultiLabel = multiLabel,
        };
    }

    /// <summary>
    /// True when a target of the row is missing and rows with missing values are dropped; a missing target is
    /// otherwise an error, since targets are never imputed.
    /// </summary>
    private bool MissingTarget(CsvFeatureTable features, List<string> fields, int[] targets, string[] names, string file, long line)
    {
        foreach (int t in targets)
        {
            if (!features.IsMissing(fields[t])) continue;
            if (_options.Missing == CsvMissing.Drop) return true;
            throw new DataFormatException(file,
                $"target column '{names[t]}' is {(fields[t].Length == 0 ? "empty" : $"missing ('{fields[t]}')")} (missing data); targets are never imputed: set Missing to \"drop\" to leave such rows out.", line);
        }
        return false;
    }

    /// <summary>The targets file, read whole: its column names and every record with its line.</summary>
    private sealed record TargetFile(string Path, string Key, string[] Columns, List<(List<string> Fields, long Line)> Rows);

    private TargetFile ReadTargetFile(string path, string key, CancellationToken cancellationToken)
    {
        using StreamReader text = CsvText.Open(path);
        var reader = new CsvRecordReader(text, _options.DelimiterCharacter()!.Value, path);
        reader.SkipLines(_options.SkipRows);
        CsvHeader header = _options.TargetHeader ?? (_options.Header == CsvHeader.Names ? CsvHeader.Names : CsvHeader.None);
        var rows = new List<(List<string>, long)>();
        string[]? columns = null;
        var fields = new List<string>();
        while (reader.TryRead(fields))
        {
            if (rows.Count % CancellationInterval == 0) cancellationToken.ThrowIfCancellationRequested();
            if (columns is null)
            {
                columns = header == CsvHeader.Names ? fields.ToArray() : IndexNames(fields.Count);
                if (header == CsvHeader.Names)
                {
                    CheckNames(columns, path, reader.RecordLine);
                    continue;
                }
            }
            if (fields.Count != columns.Length)
                throw new DataFormatException(path, $"expected {columns.Length} fields, found {fields.Count}.", reader.RecordLine);
            rows.Add((new List<string>(fields), reader.RecordLine));
        }
        if (columns is null || rows.Count == 0) throw new DataFormatException(path, "the targets file has no data rows.");
        return new TargetFile(path, key, columns, rows);
    }

    private static bool Passes(CsvRowFilter[] filters, List<string> fields)
    {
        foreach (CsvRowFilter filter in filters)
            if (!filter.Matches(fields[filter.Column])) return false;
        return true;
    }

    private (int[] Targets, int[] Features, CsvRowFilter[] Filters, HashSet<int> Categorical) ResolveColumns(
        string[] columns, string[]? targetColumns, bool sklearnClasses, string configPath)
    {
        // Targets: named in the targets file when there is one (every column of it by default), else in this file (the last by default).
        string[] targetSpace = targetColumns ?? columns;
        string targetKey = _options.Targets is null ? $"{configPath}:Target" : $"{configPath}:Targets";
        List<string>? requested = _options.Targets ?? (_options.Target is { } one ? [one] : null);
        int[] targets;
        if (requested is null)
        {
            targets = targetColumns is null ? [columns.Length - 1] : Enumerable.Range(0, targetColumns.Length).ToArray();
        }
        else
        {
            targets = new int[requested.Count];
            for (int i = 0; i < targets.Length; i++)
            {
                int index = CsvValues.FindColumn(targetSpace, requested[i]);
                string problem = index < 0 ? $"no column '{requested[i]}' in the {(targetColumns is null ? "file" : "targets file")}."
                    : Array.IndexOf(targets, index, 0, i) >= 0 ? $"column '{targetSpace[index]}' is listed twice."
                    : "";
                if (problem.Length > 0)
                    throw new ConfigurationException(targetKey, $"{problem} Columns (name or 0-based index): {CsvValues.Describe(targetSpace)}.");
                targets[i] = index;
            }
            if (sklearnClasses && (targets.Length != 1 || targets[0] != columns.Length - 1))
                throw new ConfigurationException(targetKey,
                    $"with the sklearn header the target is the last column (class indices), {columns.Length - 1}; got '{string.Join(", ", requested)}'.");
        }
        int[] inThisFile = targetColumns is null ? targets : [];

        int[] features;
        if (_options.Features is null)
        {
            features = Enumerable.Range(0, columns.Length).Where(i => !inThisFile.Contains(i)).ToArray();
        }
        else
        {
            features = new int[_options.Features.Count];
            for (int i = 0; i < features.Length; i++)
            {
                string reference = _options.Features[i];
                int index = CsvValues.FindColumn(columns, reference);
                string problem = index < 0 ? $"no column '{reference}' (item {i}) in the file."
                    : inThisFile.Contains(index) ? $"column '{columns[index]}' (item {i}) is the target; it cannot also be a feature."
                    : Array.IndexOf(features, index, 0, i) >= 0 ? $"column '{columns[index]}' (item {i}) is listed twice."
                    : "";
                if (problem.Length > 0)
                    throw new ConfigurationException($"{configPath}:Features",
                        $"{problem} Columns (name or 0-based index): {CsvValues.Describe(columns)}.");
                features[i] = index;
            }
        }
        if (features.Length == 0)
            throw new ConfigurationException($"{configPath}:Features", $"no feature columns left: every column is a target. Columns: {CsvValues.Describe(columns)}.");

        var categorical = new HashSet<int>();
        foreach (var (reference, i) in (_options.Categorical ?? []).Select((c, i) => (c, i)))
        {
            int index = CsvValues.FindColumn(columns, reference);
            if (index < 0 || !features.Contains(index))
                throw new ConfigurationException($"{configPath}:Categorical:{i}",
                    $"'{reference}' is not a feature column. Feature columns: {CsvValues.Describe(features.Select(f => columns[f]).ToArray())}.");
            categorical.Add(index);
        }

        CsvRowFilter[] filters = (_options.Filters ?? [])
            .Select((filter, i) => CsvRowFilter.Parse(filter, columns, $"{configPath}:Filters:{i}"))
            .ToArray();
        return (targets, features, filters, categorical);
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
        bool ok = fields.Count >= 2
            && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out rows)
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out featureCount)
            && featureCount >= 1 && fields.Skip(2).All(f => f.Length > 0);
        if (!ok)
            throw new DataFormatException(path,
                $"the sklearn header reads 'rows,features,class0,class1,...' (e.g. 150,4,setosa,versicolor,virginica), or 'rows,features' for regression; found '{string.Join(",", fields)}'.", line);
        string[] classes = fields.Skip(2).ToArray();
        string? repeated = classes.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
            throw new DataFormatException(path, $"the sklearn header names class '{repeated}' twice.", line);
        return (rows, featureCount, classes);
    }
}
