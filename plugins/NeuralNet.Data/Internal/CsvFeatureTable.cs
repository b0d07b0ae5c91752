using NeuralNet.Data;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.DataSources.Internal;

/// <summary>
/// Gathers the feature columns row by row and builds the feature tensor: a numeric column is one feature, a
/// categorical (text) column one-hot over its categories, sorted as class names are (numbers by value, then text).
/// </summary>
/// <remarks>
/// A column is categorical when configured so, or when its first present value is not a number; a number column
/// that later holds text is an error naming both lines. Cells are kept as one float each while reading (the number,
/// or the category's code; NaN when missing) and expanded once at the end. Given the saved columns of a model, the
/// kinds and categories are fixed and a category the model never saw is an error naming the value.
/// </remarks>
internal sealed class CsvFeatureTable
{
    private readonly string _file;
    private readonly string[] _names;
    private readonly int[] _fields;
    private readonly bool?[] _categorical;
    private readonly long[] _firstLine;
    private readonly Dictionary<string, int>[] _codes;
    private readonly List<string>[] _categories;
    private readonly bool _fixedCategories;
    private readonly CsvMissing _missing;
    private readonly HashSet<string> _markers;
    private float[] _cells;
    private int _rows;

    /// <param name="file">The CSV file, for errors.</param>
    /// <param name="names">The feature columns' names.</param>
    /// <param name="fields">Each feature column's 0-based field index in a record.</param>
    /// <param name="forceCategorical">Columns configured as categorical.</param>
    /// <param name="missing">What a missing value does.</param>
    /// <param name="markers">The values that mean missing.</param>
    /// <param name="saved">A saved model's columns, which fix kinds and categories; null when training.</param>
    /// <exception cref="DataFormatException">The columns differ from the saved ones.</exception>
    public CsvFeatureTable(string file, string[] names, int[] fields, bool[] forceCategorical, CsvMissing missing,
        IEnumerable<string> markers, IReadOnlyList<FeatureColumn>? saved)
    {
        _file = file;
        _names = names;
        _fields = fields;
        _missing = missing;
        _markers = new HashSet<string>(markers.Select(m => m.Trim()), StringComparer.Ordinal);
        int n = names.Length;
        _categorical = forceCategorical.Select(c => c ? true : (bool?)null).ToArray();
        _firstLine = new long[n];
        _codes = Enumerable.Range(0, n).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        _categories = Enumerable.Range(0, n).Select(_ => new List<string>()).ToArray();
        if (saved is not null)
        {
            if (!saved.Select(c => c.Name).SequenceEqual(names, StringComparer.Ordinal))
                throw new DataFormatException(file,
                    $"the model was trained on the feature columns {string.Join(", ", saved.Select(c => $"'{c.Name}'"))}; this file gives {string.Join(", ", names.Select(c => $"'{c}'"))}.");
            for (int i = 0; i < n; i++)
            {
                _categorical[i] = saved[i].IsCategorical;
                foreach (string category in saved[i].Categories ?? []) Code(i, category);
            }
            _fixedCategories = true;
        }
        _cells = new float[1024 * Math.Max(1, n)];
    }

    /// <summary>Whether <paramref name="value"/> means "missing".</summary>
    public bool IsMissing(string value) => _markers.Contains(value);

    /// <summary>True when some value of the row is missing and missing rows are dropped: the caller skips the row.</summary>
    /// <exception cref="DataFormatException">A missing value when they are errors.</exception>
    public bool Drops(List<string> fields, long line)
    {
        for (int i = 0; i < _names.Length; i++)
        {
            string value = fields[_fields[i]];
            if (!IsMissing(value)) continue;
            if (_missing == CsvMissing.Drop) return true;
            if (_missing == CsvMissing.Error)
                throw new DataFormatException(_file,
                    $"feature column '{_names[i]}' is missing ({Shown(value)}; missing data). Set Missing to \"drop\" to leave such rows out or \"impute\" to fill them from the training split.", line);
        }
        return false;
    }

    /// <summary>Adds the next row (after <see cref="Drops"/> said to keep it).</summary>
    /// <exception cref="DataFormatException">A value that does not fit its column.</exception>
    public void Add(List<string> fields, long line)
    {
        int n = _names.Length;
        if ((long)(_rows + 1) * n > _cells.Length)
        {
            if ((long)(_rows + 1) * n > Array.MaxLength)
                throw new DataFormatException(_file, $"{_rows + 1} rows of {n} feature columns do not fit in one array; set MaxRows.", line);
            Array.Resize(ref _cells, (int)Math.Min(2L * _cells.Length, Array.MaxLength));
        }
        Span<float> row = _cells.AsSpan(_rows * n, n);
        for (int i = 0; i < n; i++)
        {
            string value = fields[_fields[i]];
            if (IsMissing(value))
            {
                row[i] = float.NaN; // only reached when imputing
                continue;
            }
            bool numeric = CsvValues.TryFloat(value, out float number);
            if (!numeric && _categorical[i] != true && CsvValues.IsNonFinite(value))
                throw new DataFormatException(_file,
                    $"feature column '{_names[i]}' has value '{Clip(value)}'; features must be finite numbers (add the value to MissingValues if it means missing).", line);
            if (_categorical[i] is null)
            {
                _categorical[i] = !numeric;
                _firstLine[i] = line;
            }
            if (_categorical[i] == true)
            {
                row[i] = Code(i, value, line);
            }
            else if (numeric)
            {
                row[i] = number;
            }
            else
            {
                string first = _firstLine[i] > 0 ? $"; its first value (line {_firstLine[i]}) was a number, so the column is numeric. List it in Categorical to one-hot encode it" : "";
                throw new DataFormatException(_file,
                    $"feature column '{_names[i]}' has non-numeric value '{Clip(value)}' (expected a finite number such as 5.1 or -2e-3{first}).", line);
            }
        }
        _rows++;
    }

    /// <summary>The features <c>[rows, width]</c>, the feature names (<c>color=red</c> for one-hot ones) and the columns.</summary>
    public (Tensor Features, string[] FeatureNames, FeatureColumn[] Columns) Build()
    {
        int n = _names.Length;
        var columns = new FeatureColumn[n];
        var remap = new int[n][];
        for (int i = 0; i < n; i++)
        {
            if (_categorical[i] != true)
            {
                columns[i] = new FeatureColumn(_names[i]);
                continue;
            }
            string[] sorted = _categories[i].ToArray();
            if (!_fixedCategories) Array.Sort(sorted, CsvValues.CompareClassNames);
            remap[i] = new int[sorted.Length];
            for (int k = 0; k < sorted.Length; k++) remap[i][_codes[i][sorted[k]]] = k;
            columns[i] = new FeatureColumn(_names[i], sorted);
        }

        int width = columns.Sum(c => c.Width);
        var features = new Tensor(_rows, width);
        float[] output = features.Buffer;
        for (int r = 0; r < _rows; r++)
        {
            int o = r * width;
            for (int i = 0; i < n; i++)
            {
                float cell = _cells[r * n + i];
                if (remap[i] is not { } codes)
                {
                    output[o++] = cell;
                    continue;
                }
                int categories = codes.Length;
                if (float.IsNaN(cell)) output.AsSpan(o, categories).Fill(float.NaN);
                else output[o + codes[(int)cell]] = 1f;
                o += categories;
            }
        }
        string[] names = columns.SelectMany(c => c.Categories is { } cats ? cats.Select(k => $"{c.Name}={k}") : [c.Name]).ToArray();
        return (features, names, columns);
    }

    private int Code(int column, string value, long line = 0)
    {
        if (_codes[column].TryGetValue(value, out int code)) return code;
        if (_fixedCategories)
            throw new DataFormatException(_file,
                $"feature column '{_names[column]}' has category '{Clip(value)}', which the model never saw; it knows {string.Join(", ", _categories[column].Select(c => $"'{c}'"))}.", line);
        code = _categories[column].Count;
        _codes[column].Add(value, code);
        _categories[column].Add(value);
        return code;
    }

    private static string Shown(string value) => value.Length == 0 ? "empty" : $"'{value}'";

    private static string Clip(string value) => value.Length <= 200 ? value : value[..200] + "...";
}
