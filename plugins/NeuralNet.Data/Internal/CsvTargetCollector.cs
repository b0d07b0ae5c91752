using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.DataSources.Internal;

/// <summary>
/// Gathers the target column row by row and builds the targets: one-hot with class names for classification,
/// <c>[rows, 1]</c> raw values for regression.
/// </summary>
/// <remarks>
/// With known classes (explicit ClassNames, or the sklearn header's names and class indices) each value is mapped
/// as it is read. Otherwise every distinct value gets a code in order of appearance; <see cref="Build"/> then decides
/// the task (for <see cref="CsvTask.Auto"/>) and sorts the class names.
/// </remarks>
internal sealed class CsvTargetCollector
{
    /// <summary>Auto picks classification for integer-literal targets with at most this many distinct values.</summary>
    public const int MaxAutoClasses = 20;

    private readonly string _file;
    private readonly string _column;
    private readonly CsvTask _task;
    private readonly IReadOnlyList<string>? _knownClasses;
    private readonly Dictionary<string, int>? _knownIndex;
    private readonly bool _classIndices;
    private readonly Dictionary<string, int> _distinct = new(StringComparer.Ordinal);
    private readonly List<string> _distinctValues = [];
    private int[] _codes = new int[1024];
    private float[] _values = [];
    private int _count;
    private bool _allNumeric = true;
    private bool _allIntegers = true;

    /// <param name="file">The CSV file, for errors.</param>
    /// <param name="column">The target column's name, for errors.</param>
    /// <param name="task">The configured task.</param>
    /// <param name="knownClasses">Explicit class names, or the sklearn header's; null to collect them.</param>
    /// <param name="classIndices">Values are 0-based indices into <paramref name="knownClasses"/> (sklearn), not names.</param>
    public CsvTargetCollector(string file, string column, CsvTask task, IReadOnlyList<string>? knownClasses, bool classIndices)
    {
        _file = file;
        _column = column;
        _task = knownClasses is not null ? CsvTask.Classification : task;
        _knownClasses = knownClasses;
        _classIndices = classIndices;
        if (knownClasses is not null && !classIndices)
            _knownIndex = knownClasses.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        if (_task == CsvTask.Regression) _values = new float[1024];
    }

    /// <summary>Adds the target of the next row, read on <paramref name="line"/>.</summary>
    /// <exception cref="DataFormatException">An empty value, or one that does not fit the task or the known classes.</exception>
    public void Add(string value, long line)
    {
        if (value.Length == 0)
            throw new DataFormatException(_file, $"target column '{_column}' is empty (missing data).", line);
        if (_task == CsvTask.Regression)
        {
            if (!CsvValues.TryFloat(value, out float number))
                throw new DataFormatException(_file,
                    $"target column '{_column}' has non-numeric value '{value}', but the task is regression.", line);
            if (_count == _values.Length) Array.Resize(ref _values, _values.Length * 2);
            _values[_count++] = number;
            return;
        }

        if (_count == _codes.Length) Array.Resize(ref _codes, _codes.Length * 2);
        _codes[_count++] = Code(value, line);
    }

    /// <summary>The targets of the rows added, and the class names (null for regression).</summary>
    /// <param name="dropUnusedClasses">
    /// Leave out known classes (ClassNames, or the sklearn header's) that no row kept holds, as when filters removed
    /// them; classes collected from the rows are always only those seen.
    /// </param>
    public (Tensor Targets, IReadOnlyList<string>? ClassNames) Build(bool dropUnusedClasses = false)
    {
        if (_task == CsvTask.Regression)
            return (new Tensor(_values[.._count], _count, new TensorShape(1)), null);
        if (_knownClasses is not null)
        {
            if (!dropUnusedClasses) return (OneHot(_codes, _knownClasses.Count), _knownClasses);
            var used = new bool[_knownClasses.Count];
            for (int i = 0; i < _count; i++) used[_codes[i]] = true;
            var newIndex = new int[used.Length];
            var kept = new List<string>();
            for (int c = 0; c < used.Length; c++)
            {
                newIndex[c] = kept.Count;
                if (used[c]) kept.Add(_knownClasses[c]);
            }
            var remapped = new int[_count];
            for (int i = 0; i < _count; i++) remapped[i] = newIndex[_codes[i]];
            return (OneHot(remapped, kept.Count), kept);
        }

        bool classification = _task == CsvTask.Classification || !_allNumeric
            || (_allIntegers && _distinctValues.Count <= MaxAutoClasses);
        if (!classification)
        {
            var values = new float[_count];
            float[] byCode = _distinctValues.Select(v => CsvValues.TryFloat(v, out float f) ? f : float.NaN).ToArray();
            for (int i = 0; i < _count; i++) values[i] = byCode[_codes[i]];
            return (new Tensor(values, _count, new TensorShape(1)), null);
        }

        string[] names = _distinctValues.ToArray();
        Array.Sort(names, CsvValues.CompareClassNames);
        var rank = new int[names.Length];
        for (int i = 0; i < names.Length; i++) rank[_distinct[names[i]]] = i;
        var classes = new int[_count];
        for (int i = 0; i < _count; i++) classes[i] = rank[_codes[i]];
        return (OneHot(classes, names.Length), names);
    }

    private int Code(string value, long line)
    {
        if (_classIndices)
        {
            if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
                || index >= _knownClasses!.Count)
                throw new DataFormatException(_file,
                    $"target column '{_column}' holds '{value}', but the header names {_knownClasses!.Count} classes, so a class index from 0 to {_knownClasses.Count - 1} is expected.", line);
            return index;
        }
        if (_knownIndex is not null)
        {
            return _knownIndex.TryGetValue(value, out int known) ? known
                : throw new DataFormatException(_file,
                    $"target column '{_column}' holds '{value}', which is not one of ClassNames ({string.Join(", ", _knownClasses!)}).", line);
        }
        if (!_distinct.TryGetValue(value, out int code))
        {
            code = _distinct.Count;
            _distinct.Add(value, code);
            _distinctValues.Add(value);
            if (_allNumeric && !CsvValues.TryNumber(value, out _)) _allNumeric = false;
            if (_allIntegers && !CsvValues.IsIntegerLiteral(value)) _allIntegers = false;
        }
        return code;
    }

    /// <summary>Most classes a target column may have: more looks like an identifier or a continuous value, and one-hot targets would be huge.</summary>
    public const int MaxClasses = 10_000;

    private Tensor OneHot(int[] classes, int classCount)
    {
        // Checked before allocating: rows × classes floats.
        if (classCount > MaxClasses || (long)_count * classCount > Array.MaxLength)
            throw new DataFormatException(_file, $"column '{_column}' has {classCount} distinct classes over {_count} rows: one-hot targets would be {(long)_count * classCount} floats (at most {MaxClasses} classes). Is it an identifier, or a value (Task: regression)?");
        var targets = new Tensor(_count, classCount);
        float[] buffer = targets.Buffer;
        for (int i = 0; i < _count; i++) buffer[i * classCount + classes[i]] = 1f;
        return targets;
    }
}
