namespace NeuralNet.Kernels;

/// <summary>
/// Single-precision general matrix multiply on row-major spans:
/// <c>C = alpha * op(A) * op(B) + beta * C</c>, where op(X) is X or its transpose.
/// </summary>
/// <remarks>op(A) is m x k, op(B) is k x n, C is m x n. lda, ldb and ldc are row strides (elements).</remarks>
public static class Gemm
{
    /// <summary>Full form with leading dimensions.</summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        // PLACEHOLDER: naive reference, replaced by the blocked, packed, multi-threaded kernel.
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transposeA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transposeB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += av * bv;
                }
                c[i * ldc + j] = alpha * sum + (beta == 0 ? 0 : beta * c[i * ldc + j]);
            }
    }

    /// <summary>Packed operands (lda = width of A as stored, and so on): <c>C = op(A) * op(B) + beta * C</c>.</summary>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, float beta = 0f)
        => Multiply(transposeA, transposeB, m, n, k, 1f, a, transposeA ? m : k, b, transposeB ? k : n, beta, c, n);
}
