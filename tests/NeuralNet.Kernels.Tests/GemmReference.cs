namespace NeuralNet.Kernels.Tests;

/// <summary>Naive double-accumulating GEMM and the float error bound the tests hold the kernel to.</summary>
internal static class GemmReference
{
    private const double UnitRoundoff = 5.96e-8; // 2^-24, float

    /// <summary>
    /// The exact (double) products Σ_p op(A)[i,p]·op(B)[p,j] and their magnitudes Σ_p |op(A)[i,p]·op(B)[p,j]|, m x n.
    /// </summary>
    public static (double[] Sums, double[] Magnitudes) Product(bool transposeA, bool transposeB, int m, int n, int k,
        float[] a, int lda, float[] b, int ldb)
    {
        var sums = new double[m * n];
        var magnitudes = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double product = (double)(transposeA ? a[p * lda + i] : a[i * lda + p])
                        * (transposeB ? b[j * ldb + p] : b[p * ldb + j]);
                    sum += product;
                    magnitude += Math.Abs(product);
                }

                sums[i * n + j] = sum;
                magnitudes[i * n + j] = magnitude;
            }
        }

        return (sums, magnitudes);
    }

    /// <summary>
    /// Reference C = alpha·Σ + beta·C (m x n, packed; C read with stride ldc unless beta is 0) and for each element a
    /// bound on the float error of any summation order: 2 (k + 2) u (|alpha| Σ|a·b| + |beta·c|), i.e. the classical
    /// γ_k bound with a factor 2 of slack.
    /// </summary>
    public static (double[] Expected, double[] Tolerance) Expected((double[] Sums, double[] Magnitudes) product,
        int m, int n, int k, float alpha, float beta, float[] c, int ldc)
    {
        var expected = new double[m * n];
        var tolerance = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double old = beta == 0f ? 0 : (double)beta * c[i * ldc + j];
                expected[i * n + j] = alpha * product.Sums[i * n + j] + old;
                tolerance[i * n + j] = 2 * (k + 2) * UnitRoundoff
                    * (Math.Abs(alpha) * product.Magnitudes[i * n + j] + Math.Abs(old)) + 1e-30;
            }
        }

        return (expected, tolerance);
    }

    /// <summary><see cref="Product"/> then <see cref="Expected"/>.</summary>
    public static (double[] Expected, double[] Tolerance) Compute(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
        => Expected(Product(transposeA, transposeB, m, n, k, a, lda, b, ldb), m, n, k, alpha, beta, c, ldc);

    /// <summary>Uniform values in [-1, 1) from a fixed seed.</summary>
    public static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
