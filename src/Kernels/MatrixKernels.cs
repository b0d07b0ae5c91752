using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary>
    /// Adds one row's values and squares, in double, to per-column running totals: <c>sums[j] += row[j]</c>,
    /// <c>squares[j] += row[j]²</c> (the statistics of per-feature standardisation, accumulated row by row).
    /// </summary>
    /// <remarks>Element by element, so each total is summed in row order exactly as a scalar loop would. Compiled
    /// optimised on first call: it runs over every training value once, before the first epoch.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateMoments(ReadOnlySpan<float> row, Span<double> sums, Span<double> squares)
    {
        if (sums.Length != row.Length || squares.Length != row.Length)
            throw new ArgumentException($"AccumulateMoments: a row of {row.Length} values needs totals of as many, but sums has {sums.Length} and squares {squares.Length}.");
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float x = ref MemoryMarshal.GetReference(row);
            ref double s = ref MemoryMarshal.GetReference(sums), q = ref MemoryMarshal.GetReference(squares);
            for (; i <= row.Length - 4; i += 4)
            {
                Vector256<double> v = Vector256.WidenLower(Vector128.LoadUnsafe(ref x, (nuint)i).ToVector256Unsafe());
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref s, (nuint)i) + v, ref s, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref q, (nuint)i) + v * v, ref q, (nuint)i);
            }
        }
        for (; i < row.Length; i++)
        {
            double v = row[i];
            sums[i] += v;
            squares[i] += v * v;
        }
    }

    private static void CheckMatrix(int length, int rows, int columns, string name)
    {
        if (rows < 0 || (long)rows * columns != length)
            throw new ArgumentException($"Matrix '{name}' has {length} elements; expected [{rows}, {columns}] = {(long)rows * columns}.", name);
    }
}
