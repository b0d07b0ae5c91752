using System.Runtime.InteropServices;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels.Tests;

[TestFixture]
public class ConvolutionDeterminismTests
{
    // Large enough that im2col, col2im, the transposes, the bias gradient and the pools all split 3 ways.
    private const int Batch = 8, Filters = 16;
    private static readonly Conv2dGeometry Conv = Conv2dGeometry.Symmetric(8, 21, 19, 3, 3, 1, 1, 1, 1);
    private static readonly Pool2dGeometry Pool = Pool2dGeometry.Create(16, 21, 19, 3, 2, 1, 1); // overlapping windows

    private int _savedThreads;

    [SetUp]
    public void SaveThreads() => _savedThreads = KernelSettings.MaxThreads;

    [TearDown]
    public void RestoreThreads() => KernelSettings.MaxThreads = _savedThreads;

    [TestCase(2), TestCase(3)]
    public void Kernels_ShapesOfTheseTests_SplitIntoAsManyPartsAsThreads(int threads)
    {
        KernelSettings.MaxThreads = threads;
        int positions = Conv.OutputPositions;

        Assert.Multiple(() =>
        {
            Assert.That(ParallelRange.Parts(Batch * Conv.OutputHeight, (long)Conv.OutputWidth * Conv.ColumnCount), Is.EqualTo(threads), "im2col");
            Assert.That(ParallelRange.Parts(Batch * Conv.Channels, (long)positions * 9), Is.EqualTo(threads), "col2im");
            Assert.That(ParallelRange.Parts(Batch, 2L * positions * Filters), Is.EqualTo(threads), "transposes");
            Assert.That(ParallelRange.Parts(Filters, (long)Batch * positions), Is.EqualTo(threads), "bias gradient");
            Assert.That(ParallelRange.Parts(Batch * Pool.Channels, Pool.InputHeight * Pool.InputWidth), Is.EqualTo(threads), "pooling");
        });
    }

    [Test]
    public void Conv2dForwardAndBackward_OneTwoOrThreeThreads_BitwiseIdentical()
    {
        KernelSettings.MaxThreads = 1;
        float[][] single = RunConvolution();
        foreach (int threads in new[] { 2, 3 })
        {
            KernelSettings.MaxThreads = threads;
            float[][] split = RunConvolution();
            for (int i = 0; i < single.Length; i++)
                Assert.That(Bits(split[i]).SequenceEqual(Bits(single[i])), Is.True, $"{Names[i]} with {threads} threads");
        }
    }

    [Test]
    public void Pooling_OneTwoOrThreeThreads_BitwiseIdentical()
    {
        KernelSettings.MaxThreads = 1;
        float[][] single = RunPooling();
        foreach (int threads in new[] { 2, 3 })
        {
            KernelSettings.MaxThreads = threads;
            float[][] split = RunPooling();
            for (int i = 0; i < single.Length; i++)
                Assert.That(Bits(split[i]).SequenceEqual(Bits(single[i])), Is.True, $"pooling output {i} with {threads} threads");
        }
    }

    private static readonly string[] Names = ["y", "dW", "db (tied)", "dX", "db (untied)"];

    private static float[][] RunConvolution()
    {
        float[] x = GemmReference.Random(Batch * Conv.InputSize, 1);
        float[] w = GemmReference.Random(Filters * Conv.ColumnCount, 2);
        float[] bias = GemmReference.Random(Filters, 3);
        float[] dy = GemmReference.Random(Batch * Filters * Conv.OutputPositions, 4);
        float[] scratch = new float[ConvolutionKernels.BackwardScratchLength(Conv, Batch, Filters)];
        float[] y = new float[dy.Length], dw = new float[w.Length], db = new float[Filters], dx = new float[x.Length];
        float[] dbUntied = new float[Filters * Conv.OutputPositions];

        ConvolutionKernels.Conv2dForward(Conv, Batch, Filters, x, w, bias, y, scratch);
        ConvolutionKernels.Conv2dBackward(Conv, Batch, Filters, x, w, dy, dw, db, dx, scratch);
        ConvolutionKernels.BiasGradient(Batch, Filters, Conv.OutputPositions, dy, dbUntied);
        return [y, dw, db, dx, dbUntied];
    }

    private static float[][] RunPooling()
    {
        float[] x = GemmReference.Random(Batch * Pool.InputSize, 5);
        float[] dy = GemmReference.Random(Batch * Pool.OutputSize, 6);
        float[] maxY = new float[dy.Length], maxDx = new float[x.Length], avgY = new float[dy.Length], avgDx = new float[x.Length];
        int[] argmax = new int[dy.Length];
        float[] globalY = new float[Batch * Pool.Channels], globalDx = new float[x.Length];

        PoolingKernels.MaxPool2dForward(Pool, Batch, x, maxY, argmax);
        PoolingKernels.MaxPool2dBackward(Pool, Batch, dy, argmax, maxDx);
        PoolingKernels.AvgPool2dForward(Pool, Batch, x, avgY);
        PoolingKernels.AvgPool2dBackward(Pool, Batch, dy, avgDx);
        PoolingKernels.GlobalAvgPoolForward(Batch, Pool.Channels, Pool.InputHeight * Pool.InputWidth, x, globalY);
        PoolingKernels.GlobalAvgPoolBackward(Batch, Pool.Channels, Pool.InputHeight * Pool.InputWidth, globalY, globalDx);
        return [maxY, argmax.Select(i => (float)i).ToArray(), maxDx, avgY, avgDx, globalY, globalDx];
    }

    private static ReadOnlySpan<byte> Bits(float[] values) => MemoryMarshal.AsBytes(values.AsSpan());
}
