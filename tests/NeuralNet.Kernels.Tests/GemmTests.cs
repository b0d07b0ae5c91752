using System.Runtime.InteropServices;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels.Tests;

[TestFixture]
public class GemmTests
{
    private static readonly (int M, int K, int N)[] Shapes =
    [
        (1, 1, 1), (7, 13, 5), (129, 257, 65), (1, 300, 1), (33, 1, 47), (12, 16, 32), (25, 40, 70), (50, 17, 97), (20, 37, 59),
        (205, 19, 37), // more rows than one block of 16 transposed-A panels, ending in a partial panel
        (64, 300, 70), // the 8-row AVX-512 kernel in full panels, over two k blocks
    ];

    private static readonly string[] Variants = ["NN", "TN", "NT", "TT"];

    private static readonly (float Alpha, float Beta)[] Scalings = [(1f, 0f), (0.75f, -0.5f), (-1.25f, 1f)];

    // Reference products, shared by the kernel paths: (variant, m, k, n, padding) -> sums and magnitudes.
    private static readonly Dictionary<(string, int, int, int, int), (double[], double[])> ReferenceProducts = [];

    private GemmKernelPath _savedPath;
    private int _savedThreads;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (GemmKernelPath path in Enum.GetValues<GemmKernelPath>())
            foreach ((int m, int k, int n) in Shapes)
                foreach (string variant in Variants)
                    foreach (int padding in new[] { 0, 5 })
                        yield return new TestCaseData(path.ToString(), variant, m, k, n, padding);
    }

    [SetUp]
    public void SaveSettings()
    {
        _savedPath = Gemm.Path;
        _savedThreads = KernelSettings.MaxThreads;
    }

    [TearDown]
    public void RestoreSettings()
    {
        Gemm.Path = _savedPath;
        KernelSettings.MaxThreads = _savedThreads;
    }

    [TestCase(64, 300, 70)]
    [TestCase(25, 40, 70)]
    [TestCase(7, 13, 33)]
    public void EightRowKernel_GivesBitwiseWhatTheTwelveRowKernelGives(int m, int k, int n)
    {
        if (!GemmKernelPaths.IsSupported(GemmKernelPath.Avx512))
            Assert.Ignore("AVX-512 is not available on this machine.");
        Gemm.Path = GemmKernelPath.Avx512;
        Assert.That(Gemm.EightRows(m), Is.True, "the shape should take the 8-row kernel");
        int saved = Gemm.EightRowsMaxM;
        try
        {
            foreach (string variant in Variants)
                foreach (float beta in new[] { 0f, 1f })
                {
                    bool ta = variant[0] == 'T', tb = variant[1] == 'T';
                    float[] a = GemmReference.Random(m * k, 1), b = GemmReference.Random(k * n, 2), c0 = GemmReference.Random(m * n, 3);
                    float[] eight = (float[])c0.Clone(), twelve = (float[])c0.Clone();
                    Gemm.EightRowsMaxM = 96;
                    Gemm.Multiply(ta, tb, m, n, k, a, b, eight, beta);
                    Gemm.EightRowsMaxM = 0; // every M takes the 12-row kernel
                    Gemm.Multiply(ta, tb, m, n, k, a, b, twelve, beta);
                    Assert.That(eight, Is.EqualTo(twelve), $"{variant}, beta {beta}");
                }
        }
        finally
        {
            Gemm.EightRowsMaxM = saved;
        }
    }

    [TestCase(1, 40)]
    [TestCase(37, 70)]
    public unsafe void EightRowKernelStridedB_GivesBitwiseWhatThePackedKernelGives(int k, int ldb)
    {
        // A packed 8 x k panel; B a row-major k x ldb matrix whose 32 columns from 5 the strided kernel reads in place.
        float[] a = GemmReference.Random(8 * k, 4), b = GemmReference.Random(k * ldb + 64, 5), packed = new float[k * 32];
        for (int p = 0; p < k; p++)
            Array.Copy(b, p * ldb + 5, packed, p * 32, 32);
        float[] strided = GemmReference.Random(8 * 50, 6), expected = (float[])strided.Clone();
        fixed (float* pa = a, pb = b, pp = packed, ps = strided, pe = expected)
        {
            Avx512MicroKernel8.RunStridedB(k, pa, pb + 5, ldb, ps + 3, 50, 1f, 0f);
            Avx512MicroKernel8.Run(k, pa, pp, pe + 3, 50, 1f, 0f);
        }
        Assert.That(strided, Is.EqualTo(expected));
        Assert.That(strided[3], Is.Not.EqualTo(GemmReference.Random(8 * 50, 6)[3]), "the tile was written");
    }

    [TestCaseSource(nameof(Cases))]
    public void Multiply_OddShapesEveryVariant_MatchesDoubleReference(string path, string variant, int m, int k, int n,
        int padding)
    {
        UsePath(path);
        bool transposeA = variant[0] == 'T', transposeB = variant[1] == 'T';
        (int rowsA, int colsA) = transposeA ? (k, m) : (m, k);
        (int rowsB, int colsB) = transposeB ? (n, k) : (k, n);
        int lda = colsA + padding, ldb = colsB + padding, ldc = n + padding;
        float[] a = GemmReference.Random(rowsA * lda, 1);
        float[] b = GemmReference.Random(rowsB * ldb, 2);
        if (!ReferenceProducts.TryGetValue((variant, m, k, n, padding), out (double[], double[]) product))
        {
            product = GemmReference.Product(transposeA, transposeB, m, n, k, a, lda, b, ldb);
            ReferenceProducts[(variant, m, k, n, padding)] = product;
        }

        foreach ((float alpha, float beta) in Scalings)
        {
            // C lives inside a larger buffer: a guard row before and after, padding columns between rows.
            float[] buffer = GemmReference.Random((m + 2) * ldc, 3);
            float[] original = (float[])buffer.Clone();
            int offset = ldc;
            float[] c = buffer[offset..];
            (double[] expected, double[] tolerance) = GemmReference.Expected(product, m, n, k, alpha, beta, c, ldc);

            Gemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta,
                buffer.AsSpan(offset, (m - 1) * ldc + n), ldc);

            string? firstBad = null;
            for (int i = 0; i < m && firstBad is null; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    int index = offset + i * ldc + j;
                    double error = Math.Abs(buffer[index] - expected[i * n + j]);
                    if (!(error <= tolerance[i * n + j]))
                    {
                        firstBad = $"C[{i},{j}] = {buffer[index]} but reference is {expected[i * n + j]} " +
                            $"(error {error:G3} > bound {tolerance[i * n + j]:G3})";
                        break;
                    }

                    original[index] = buffer[index];
                }
            }

            Assert.That(firstBad, Is.Null, $"alpha={alpha}, beta={beta}");
            Assert.That(buffer, Is.EqualTo(original), "elements outside C (guard rows, padding columns) changed");
        }
    }

    [TestCase("NN"), TestCase("TN"), TestCase("NT"), TestCase("TT")]
    public void Multiply_PackedOverload_EqualsFullFormWithTightStrides(string variant)
    {
        bool transposeA = variant[0] == 'T', transposeB = variant[1] == 'T';
        const int m = 19, n = 45, k = 23;
        float[] a = GemmReference.Random(m * k, 4), b = GemmReference.Random(k * n, 5);
        float[] packed = GemmReference.Random(m * n, 6), full = (float[])packed.Clone();

        Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, packed, beta: 0.5f);
        Gemm.Multiply(transposeA, transposeB, m, n, k, 1f, a, transposeA ? m : k, b, transposeB ? k : n, 0.5f, full, n);

        Assert.That(packed, Is.EqualTo(full));
    }

    [TestCase("Avx512"), TestCase("Avx2"), TestCase("Scalar")]
    public void Multiply_BetaZeroWithNaNInC_OverwritesC(string path)
    {
        UsePath(path);
        const int m = 30, n = 40, k = 9;
        float[] a = GemmReference.Random(m * k, 7), b = GemmReference.Random(k * n, 8);
        float[] c = Enumerable.Repeat(float.NaN, m * n).ToArray();
        (double[] expected, double[] tolerance) =
            GemmReference.Compute(false, false, m, n, k, 1f, a, k, b, n, 0f, new float[m * n], n);

        Gemm.Multiply(false, false, m, n, k, a, b, c);

        for (int i = 0; i < c.Length; i++)
            Assert.That(c[i], Is.EqualTo(expected[i]).Within(tolerance[i]), $"C[{i}]");
    }

    [TestCase(0.5f)]
    [TestCase(0f)]
    [TestCase(1f)]
    public void Multiply_KZero_ScalesCByBeta(float beta)
    {
        float[] c = [1f, -2f, 3f, float.NaN, 5f, 6f];
        float[] expected = beta == 0f ? new float[6] : c.Select(x => beta * x).ToArray();

        Gemm.Multiply(false, false, 2, 3, 0, 2f, [], 0, [], 3, beta, c, 3);

        Assert.That(c, Is.EqualTo(expected));
    }

    [Test]
    public void Multiply_AlphaZero_ScalesCWithoutReadingAOrB()
    {
        float[] a = [float.NaN, float.NaN], b = [float.NaN, float.NaN];
        float[] c = [1f, 2f, 3f, 4f];

        Gemm.Multiply(false, false, 2, 2, 1, 0f, a, 1, b, 2, -1f, c, 2);

        Assert.That(c, Is.EqualTo(new[] { -1f, -2f, -3f, -4f }));
    }

    [TestCase(0, 3), TestCase(3, 0)]
    public void Multiply_EmptyC_LeavesBufferUntouched(int m, int n)
    {
        float[] c = [7f, 8f, 9f];

        Gemm.Multiply(false, false, m, n, 4, 1f, new float[12], 4, new float[12], Math.Max(n, 1), 0f, c, Math.Max(n, 1));

        Assert.That(c, Is.EqualTo(new[] { 7f, 8f, 9f }));
    }

    [TestCase("NN"), TestCase("TN"), TestCase("NT")]
    public void Multiply_WarmCall_AllocatesNothing(string variant)
    {
        bool transposeA = variant[0] == 'T', transposeB = variant[1] == 'T';
        KernelSettings.MaxThreads = Math.Max(2, Environment.ProcessorCount);
        const int m = 100, n = 200, k = 150; // above the parallel threshold: exercises the worker pool too
        float[] a = GemmReference.Random(m * k, 9), b = GemmReference.Random(k * n, 10), c = new float[m * n];
        for (int warm = 0; warm < 3; warm++)
        {
            Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, c);
            Gemm.Multiply(transposeA, transposeB, 7, 5, 3, a, b, c);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, c);
        Gemm.Multiply(transposeA, transposeB, 7, 5, 3, a, b, c);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }

    private static void UsePath(string name)
    {
        GemmKernelPath path = Enum.Parse<GemmKernelPath>(name);
        if (!GemmKernelPaths.IsSupported(path))
            Assert.Ignore($"{path} is not supported by this CPU.");
        Gemm.Path = path;
    }
}
