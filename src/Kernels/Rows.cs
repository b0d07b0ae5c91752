using System.Runtime.CompilerServices;
namespace NeuralNet.Kernels;

/// <summary>Row-level data movement on row-major matrices.</summary>
public static class Rows
{
    /// <summary>
    /// Copies rows <paramref name="indices"/> of <paramref name="source"/> (rows of <paramref name="rowSize"/> floats)
    /// into consecutive rows of <paramref name="destination"/>: how a shuffled mini-batch is assembled.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gather(ReadOnlySpan<float> source, int rowSize, ReadOnlySpan<int> indices, Span<float> destination)
    {
        if (rowSize <= 0) throw new ArgumentOutOfRangeException(nameof(rowSize), $"Row size must be positive, got {rowSize}.");
        if (destination.Length < (long)indices.Length * rowSize)
            throw new ArgumentException($"Gather: {indices.Length} rows of {rowSize} need {(long)indices.Length * rowSize} floats, destination holds {destination.Length}.");
        int rows = source.Length / rowSize;
        for (int i = 0; i < indices.Length; i++)
        {
            int r = indices[i];
            if ((uint)r >= (uint)rows) throw new ArgumentOutOfRangeException(nameof(indices), $"Gather: row {r} of a {rows}x{rowSize} source.");
            source.Slice(r * rowSize, rowSize).CopyTo(destination.Slice(i * rowSize, rowSize));
        }
    }

    /// <summary>Index of the largest value in each of <paramref name="rows"/> rows of <paramref name="columns"/>; first wins on ties.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ArgMax(ReadOnlySpan<float> matrix, int rows, int columns, Span<int> result)
    {
        if (matrix.Length < (long)rows * columns || result.Length < rows)
            throw new ArgumentException($"ArgMax: a {rows}x{columns} matrix needs {(long)rows * columns} floats (has {matrix.Length}) and {rows} results (has {result.Length}).");
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = matrix.Slice(r * columns, columns);
            int best = 0;
            for (int c = 1; c < columns; c++) if (row[c] > row[best]) best = c;
            result[r] = best;
        }
    }

    /// <summary>
    /// The class each of <paramref name="rows"/> prediction rows of <paramref name="columns"/> stands for: the
    /// argmax of a row of class scores, or, for a single column (a sigmoid's probability of the second of two
    /// classes), 1 when it is ≥ 0.5 and else 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PredictedClass(ReadOnlySpan<float> matrix, int rows, int columns, Span<int> result)
    {
        if (columns != 1)
        {
            ArgMax(matrix, rows, columns, result);
            return;
        }
        if (matrix.Length < rows || result.Length < rows)
            throw new ArgumentException($"PredictedClass: {rows} rows of one column need {rows} floats (has {matrix.Length}) and {rows} results (has {result.Length}).");
        for (int r = 0; r < rows; r++) result[r] = matrix[r] >= 0.5f ? 1 : 0;
    }
}
