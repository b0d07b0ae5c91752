using System.Numerics.Tensors;

namespace NeuralNet.Kernels;

/// <summary>
/// Row and column operations on row-major matrices held in flat spans, vectorised along rows: the bias parts of a
/// dense layer (broadcasting a row into every row of the output, summing the output gradient's columns).
/// </summary>
/// <remarks>Shape mismatches throw <see cref="ArgumentException"/> naming both shapes.</remarks>
public static class MatrixKernels
{
    /// <summary>Copies <paramref name="row"/> into each of the rows of <paramref name="matrix"/> (rows x row.Length).</summary>
    public static void BroadcastRow(ReadOnlySpan<float> row, Span<float> matrix, int rows)
    {
        CheckMatrix(matrix.Length, rows, row.Length, nameof(matrix));
        for (int r = 0; r < rows; r++)
            row.CopyTo(matrix.Slice(r * row.Length, row.Length));
    }

    /// <summary>Adds <paramref name="row"/> to each of the rows of <paramref name="matrix"/> (rows x row.Length).</summary>
    public static void AddRow(ReadOnlySpan<float> row, Span<float> matrix, int rows)
    {
        CheckMatrix(matrix.Length, rows, row.Length, nameof(matrix));
        for (int r = 0; r < rows; r++)
        {
            Span<float> target = matrix.Slice(r * row.Length, row.Length);
            TensorPrimitives.Add(target, row, target);
        }
    }

    /// <summary>sums[j] = Σᵢ matrix[i, j] for a rows x sums.Length matrix (overwrites <paramref name="sums"/>).</summary>
    public static void ColumnSums(ReadOnlySpan<float> matrix, int rows, Span<float> sums)
    {
        CheckMatrix(matrix.Length, rows, sums.Length, nameof(matrix));
        sums.Clear();
        for (int r = 0; r < rows; r++)
            TensorPrimitives.Add(sums, matrix.Slice(r * sums.Length, sums.Length), sums);
    }

    private static void CheckMatrix(int length, int rows, int columns, string name)
    {
        if (rows < 0 || (long)rows * columns != length)
            throw new ArgumentException($"Matrix '{name}' has {length} elements; expected [{rows}, {columns}] = {(long)rows * columns}.", name);
    }
}
