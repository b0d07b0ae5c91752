using NeuralNet.Kernels;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels.Tests;

/// <summary>Optimizer state never sinks into denormals, and the multi-threaded update equals the single-threaded one.</summary>
public sealed class OptimizerStateTests
{
    private const float MinNormal = 1.17549435E-38f;

    private static bool IsDenormal(float x) => x != 0 && MathF.Abs(x) < MinNormal;

    [Test]
    public void Adam_ZeroGradientForManySteps_MomentsFlushToZeroInsteadOfDenormals()
    {
        const int n = 1000;
        float[] w = Enumerable.Repeat(0.5f, n).ToArray(), g = new float[n], m = Enumerable.Repeat(1e-3f, n).ToArray(), v = Enumerable.Repeat(1e-6f, n).ToArray();

        for (int step = 1; step <= 1200; step++) OptimizerKernels.Adam(w, g, m, v, 1e-3f, 0.9f, 0.999f, 1e-8f, step, 0, false);

        // 0.9^1200 · 1e-3 is far below the smallest normal float: without flushing, m would be denormal here.
        Assert.That(m.Count(IsDenormal), Is.Zero, "Adam's first moment holds denormals.");
        Assert.That(m, Is.All.EqualTo(0f));
        Assert.That(v.Count(IsDenormal), Is.Zero);
        Assert.That(w, Is.All.Not.NaN);
    }

    [Test]
    public void SgdMomentumAndRmsProp_ZeroGradient_StateHasNoDenormals()
    {
        const int n = 257;
        float[] w = new float[n], g = new float[n], velocity = Enumerable.Repeat(1f, n).ToArray(), square = Enumerable.Repeat(1f, n).ToArray(), buffer = Enumerable.Repeat(1f, n).ToArray();
        for (int step = 0; step < 3000; step++)
        {
            OptimizerKernels.SgdMomentum(w, g, velocity, 0.01f, 0.9f, false, 0);
            OptimizerKernels.RmsPropMomentum(w, g, square, buffer, 0.01f, 0.9f, 1e-8f, 0.9f, 0);
        }
        Assert.That(velocity.Concat(square).Concat(buffer).Count(IsDenormal), Is.Zero);
    }

    [Test]
    public void Adam_LargeParameter_TwoThreadsGiveBitwiseTheSameAsOne()
    {
        const int n = 200_003; // several parts, and a tail that is not a multiple of the vector width
        var r = new Random(3);
        float[] Make() => Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray();
        float[] w0 = Make(), g = Make();
        float[] w1 = (float[])w0.Clone(), m1 = new float[n], v1 = new float[n];
        float[] w2 = (float[])w0.Clone(), m2 = new float[n], v2 = new float[n];
        int saved = KernelSettings.MaxThreads;
        try
        {
            KernelSettings.MaxThreads = 1;
            for (int s = 1; s <= 3; s++) OptimizerKernels.Adam(w1, g, m1, v1, 1e-3f, 0.9f, 0.999f, 1e-8f, s, 0.01f, true);
            KernelSettings.MaxThreads = 2;
            for (int s = 1; s <= 3; s++) OptimizerKernels.Adam(w2, g, m2, v2, 1e-3f, 0.9f, 0.999f, 1e-8f, s, 0.01f, true);
        }
        finally
        {
            KernelSettings.MaxThreads = saved;
        }
        Assert.That(w2, Is.EqualTo(w1));
        Assert.That(m2, Is.EqualTo(m1));
        Assert.That(v2, Is.EqualTo(v1));
        Assert.That(w2, Is.Not.EqualTo(w0), "The update changed nothing: this test could not tell the paths apart.");
    }
}
