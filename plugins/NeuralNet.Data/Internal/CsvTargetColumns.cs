using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.DataSources.Internal;

/// <summary>
/// Gathers several target columns row by row: multi-output regression (<c>[rows, L]</c> numbers), or multi-label
/// classification (<c>[rows, L]</c> in {0, 1}, one independent label per column, named after the columns).
/// </summary>
/// <remarks>
/// <see cref="CsvTask.Auto"/> picks multi-label when every value is <c>0</c> or <c>1</c>, regression otherwise;
/// <see cref="CsvTask.Classification"/> requires 0 or 1 everywhere.
/// </remarks>
internal sealed class CsvTargetColumns
{
    private readonly string _file;
    private readonly string[] _names;
    private readonly CsvTask _task;
    private float[] _values;
    private int _rows;
    private bool _allBinary = true;

    public CsvTargetColumns(string file, string[] names, CsvTask task)
    {
        _file = file;
        _names = names;
        _task = task;
        _values = new float[1024 * names.Length];
    }

    /// <summary>Adds the next row's targets, <paramref name="fields"/>[<paramref name="columns"/>[j]], read on <paramref name="line"/>.</summary>
    /// <exception cref="DataFormatException">A value that is not a number, or not 0/1 for classification.</exception>
    public void Add(List<string> fields, int[] columns, long line)
    {
        int l = _names.Length;
        if ((_rows + 1) * l > _values.Length) Array.Resize(ref _values, _values.Length * 2);
        for (int j = 0; j < l; j++)
        {
            string value = fields[columns[j]];
            if (!CsvValues.TryFloat(value, out float number))
                throw new DataFormatException(_file,
                    $"target column '{_names[j]}' has non-numeric value '{value}' (several targets are numbers: values for regression, 0 or 1 for labels).", line);
            bool binary = number is 0f or 1f;
            if (!binary && _task == CsvTask.Classification)
                throw new DataFormatException(_file,
                    $"target column '{_names[j]}' has value '{value}', but multi-label classification needs 0 or 1 in every target column.", line);
            _allBinary &= binary;
            _values[_rows * l + j] = number;
        }
        _rows++;
    }

    /// <summary>The targets <c>[rows, L]</c>, and the label names when the task is multi-label classification (else null).</summary>
    public (Tensor Targets, string[]? Labels) Build()
    {
        var targets = new Tensor(_values[..(_rows * _names.Length)], _rows, new TensorShape(_names.Length));
        bool multiLabel = _task == CsvTask.Classification || (_task == CsvTask.Auto && _allBinary);
        return (targets, multiLabel ? _names : null);
    }
}
