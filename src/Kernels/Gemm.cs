using System.Numerics.Tensors;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels;

/// <summary>
/// Single-precision general matrix multiply on row-major spans:
/// <c>C = alpha * op(A) * op(B) + beta * C</c>, where op(X) is X or its transpose.
/// </summary>
/// <remarks>
/// <para>op(A) is m x k, op(B) is k x n, C is m x n. lda, ldb and ldc are row strides (elements) of the matrices as
/// stored: A is stored m x k (k x m when transposed), B k x n (n x k when transposed). A dense layer uses NN for the
/// forward pass (Y = X·W), TN for the weight gradient (dW = Xᵀ·dY) and NT for the input gradient (dX = dY·Wᵀ).</para>
/// <para>Blocked and packed (GotoBLAS/BLIS style): panels of op(A) and op(B) are copied into per-thread aligned
/// buffers in the layout of a register-tiled FMA micro-kernel (12 x 32 with AVX-512, 6 x 16 with AVX2, 4 x 4
/// scalar). Products above about 2 MFLOP are split over up to <see cref="KernelSettings.MaxThreads"/> threads by
/// whole tiles of rows or columns chosen from the shape alone; each element of C is summed by one thread in a fixed
/// order, so results are bitwise identical from run to run and for any thread count.</para>
/// <para>BLAS semantics: beta == 0 overwrites C without reading it (NaN in C does not propagate); k == 0 or
/// alpha == 0 gives C = beta * C without reading A or B; m == 0 or n == 0 does nothing. C must not overlap A or B.
/// Steady-state calls allocate nothing.</para>
/// </remarks>
public static class Gemm
{
    /// <summary>The micro-kernel family in use; tests set it to check every path the hardware supports.</summary>
    internal static GemmKernelPath Path { get; set; } = GemmKernelPaths.Best;

    /// <summary>Full form with leading dimensions.</summary>
    /// <exception cref="ArgumentException">
    /// A dimension is negative, a leading dimension is smaller than the row it strides over, or a span is too short
    /// for its matrix; the message gives the shapes of op(A), op(B) and C.
    /// </exception>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
        => Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, KernelSettings.MaxThreads);

    /// <summary>The full form on at most <paramref name="maxThreads"/> threads: 1 for a caller that is itself one of several parallel parts.</summary>
    internal static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, int maxThreads)
    {
        Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
            return;
        if (k == 0 || alpha == 0f)
        {
            ScaleC(c, m, n, ldc, beta);
            return;
        }

        unsafe
        {
            fixed (float* pa = a, pb = b, pc = c)
            {
                var operands = new GemmOperands(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
                int threads = maxThreads;
                switch (Path)
                {
                    case GemmKernelPath.Avx512 when EightRows(m):
                        GemmJob<Avx512MicroKernel8>.Run(operands, threads);
                        break;
                    case GemmKernelPath.Avx512:
                        GemmJob<Avx512MicroKernel>.Run(operands, threads);
                        break;
                    case GemmKernelPath.Avx2:
                        GemmJob<Avx2MicroKernel>.Run(operands, threads);
                        break;
                    default:
                        GemmJob<ScalarMicroKernel>.Run(operands, threads);
                        break;
                }
            }
        }
    }

    /// <summary>
    /// True when the 8-row AVX-512 micro-kernel pads op(A)'s M rows to fewer rows than the 12-row one (64 rows: 64
    /// against 72, the last 12-row panel a third full). A choice by shape alone; both give the same results.
    /// </summary>
    internal static bool EightRows(int m) => (m + 7) / 8 * 8 < (m + 11) / 12 * 12 && m <= EightRowsMaxM;

    /// <summary>Largest M the 8-row kernel takes; larger products keep the 12-row kernel, whose panels do more work per load.</summary>
    internal static int EightRowsMaxM { get; set; } = 96;

    /// <summary>Packed operands (lda = width of A as stored, and so on): <c>C = op(A) * op(B) + beta * C</c>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or a span is too short; the message gives the shapes.</exception>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, float beta = 0f)
        => Multiply(transposeA, transposeB, m, n, k, 1f, a, transposeA ? m : k, b, transposeB ? k : n, beta, c, n);

    private static void ScaleC(Span<float> c, int m, int n, int ldc, float beta)
    {
        if (beta == 1f)
            return;
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0f)
                row.Clear();
            else
                TensorPrimitives.Multiply(row, beta, row);
        }
    }

    private static void Validate(bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            Throw($"dimensions must be non-negative but m={m}, n={n}, k={k}", null);

        (int rowsA, int colsA) = transposeA ? (k, m) : (m, k);
        (int rowsB, int colsB) = transposeB ? (n, k) : (k, n);
        string? problem = StorageProblem("A", "op(A)", rowsA, colsA, lda, "lda", aLength, out string? param)
            ?? StorageProblem("B", "op(B)", rowsB, colsB, ldb, "ldb", bLength, out param)
            ?? StorageProblem("C", "C", m, n, ldc, "ldc", cLength, out param);
        if (problem is not null)
            Throw(problem, param);

        // Only reached on failure, so the happy path builds no strings and allocates nothing.
        void Throw(string what, string? paramName) => throw new ArgumentException(
            $"Gemm: {what}; op(A) is {m}x{k} ({Stored("A", transposeA, m, k, "lda", lda, aLength)}), " +
            $"op(B) is {k}x{n} ({Stored("B", transposeB, k, n, "ldb", ldb, bLength)}), " +
            $"C is {m}x{n} (ldc {ldc}, {cLength} elements).", paramName);
    }

    private static string? StorageProblem(string name, string opName, int rows, int cols, int ld, string ldName,
        int length, out string? param)
    {
        param = null;
        if (ld < cols)
        {
            param = ldName;
            return $"{ldName} = {ld} is less than the {cols} columns of {name} as stored ({rows}x{cols})";
        }

        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length >= needed)
            return null;
        param = name.ToLowerInvariant();
        return $"{name} has {length} elements but {opName} needs {needed} ({rows}x{cols} stored with {ldName} {ld})";
    }

    private static string Stored(string name, bool transposed, int opRows, int opCols, string ldName, int ld, int length)
        => transposed
            ? $"{name} stored {opCols}x{opRows} and transposed, {ldName} {ld}, {length} elements"
            : $"{name} stored {opRows}x{opCols}, {ldName} {ld}, {length} elements";
}
