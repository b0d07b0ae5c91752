using System.Runtime.InteropServices;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels.Tests;

[TestFixture]
public class GemmDeterminismTests
{
    private const int M = 301, N = 413, K = 517; // ~129 MFLOP: far above the parallel threshold, odd edges

    private int _savedThreads;

    [SetUp]
    public void SaveThreads() => _savedThreads = KernelSettings.MaxThreads;

    [TearDown]
    public void RestoreThreads() => KernelSettings.MaxThreads = _savedThreads;

    [TestCase("NN"), TestCase("TN"), TestCase("NT"), TestCase("TT")]
    public void Multiply_SameLargeProductTwiceMultiThreaded_BitwiseIdentical(string variant)
    {
        KernelSettings.MaxThreads = Math.Max(2, Environment.ProcessorCount);
        Assert.That(PartsFor(KernelSettings.MaxThreads), Is.GreaterThan(1), "the product must actually be split");

        float[] first = Run(variant, seedOfC: 11);
        float[] second = Run(variant, seedOfC: 11);

        Assert.That(MemoryMarshal.AsBytes(second.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(first.AsSpan())), Is.True);
    }

    [TestCase("NN"), TestCase("TN"), TestCase("NT")]
    public void Multiply_OneTwoOrThreeThreads_BitwiseIdentical(string variant)
    {
        KernelSettings.MaxThreads = 1;
        float[] single = Run(variant, seedOfC: 12);
        foreach (int threads in new[] { 2, 3 })
        {
            KernelSettings.MaxThreads = threads;
            Assert.That(PartsFor(threads), Is.EqualTo(threads));

            float[] split = Run(variant, seedOfC: 12);

            Assert.That(MemoryMarshal.AsBytes(split.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(single.AsSpan())),
                Is.True, $"{threads} threads");
        }
    }

    private static int PartsFor(int threads) => Gemm.Path switch
    {
        GemmKernelPath.Avx512 => GemmPartition.Create(M, N, K, 12, 32, threads).Parts,
        GemmKernelPath.Avx2 => GemmPartition.Create(M, N, K, 6, 16, threads).Parts,
        _ => GemmPartition.Create(M, N, K, 4, 4, threads).Parts,
    };

    private static float[] Run(string variant, int seedOfC)
    {
        bool transposeA = variant[0] == 'T', transposeB = variant[1] == 'T';
        float[] a = GemmReference.Random(M * K, 21), b = GemmReference.Random(K * N, 22);
        float[] c = GemmReference.Random(M * N, seedOfC);
        Gemm.Multiply(transposeA, transposeB, M, N, K, 0.5f, a, transposeA ? M : K, b, transposeB ? K : N, 0.25f, c, N);
        return c;
    }
}
