using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels.Tests;

[TestFixture]
public class ConvolutionAllocationTests
{
    private int _savedThreads;

    [SetUp]
    public void SaveThreads() => _savedThreads = KernelSettings.MaxThreads;

    [TearDown]
    public void RestoreThreads() => KernelSettings.MaxThreads = _savedThreads;

    [Test]
    public void ConvolutionAndPooling_WarmCalls_AllocateNothing()
    {
        KernelSettings.MaxThreads = Math.Max(2, Environment.ProcessorCount); // exercise the worker pool too
        const int batch = 8, filters = 16;
        Conv2dGeometry conv = Conv2dGeometry.Same(8, 14, 14, 3, 3);
        Pool2dGeometry pool = Pool2dGeometry.Create(filters, 14, 14, 2, 2);
        float[] x = GemmReference.Random(batch * conv.InputSize, 1), w = GemmReference.Random(filters * conv.ColumnCount, 2);
        float[] bias = new float[filters], y = new float[batch * filters * conv.OutputPositions], dy = GemmReference.Random(y.Length, 3);
        float[] dw = new float[w.Length], db = new float[filters], dx = new float[x.Length];
        float[] scratch = new float[ConvolutionKernels.BackwardScratchLength(conv, batch, filters)];
        float[] pooled = new float[batch * pool.OutputSize], pooledGrad = new float[y.Length];
        int[] argmax = new int[pooled.Length];

        void Step()
        {
            ConvolutionKernels.Conv2dForward(conv, batch, filters, x, w, bias, y, scratch);
            PoolingKernels.MaxPool2dForward(pool, batch, y, pooled, argmax);
            PoolingKernels.MaxPool2dBackward(pool, batch, pooled, argmax, pooledGrad);
            PoolingKernels.AvgPool2dForward(pool, batch, y, pooled);
            PoolingKernels.AvgPool2dBackward(pool, batch, pooled, pooledGrad);
            ConvolutionKernels.Conv2dBackward(conv, batch, filters, x, w, dy, dw, db, dx, scratch);
            ConvolutionKernels.Conv2dBackward(conv, batch, filters, x, w, dy, dw, [], [], scratch);
        }

        for (int warm = 0; warm < 3; warm++)
            Step();

        long before = GC.GetAllocatedBytesForCurrentThread();
        Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }
}
