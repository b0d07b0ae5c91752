using NeuralNet.Kernels;

namespace NeuralNet.Kernels.Tests;

/// <summary>The random fills: deterministic for a seed, in range, with the requested moments.</summary>
public class InitializerKernelsTests
{
    [Test]
    public void FillUniform_StaysInRangeWithTheRightMean()
    {
        var values = new float[50_000];
        InitializerKernels.FillUniform(values, -2f, 4f, new Random(1));
        Assert.That(values.Min(), Is.GreaterThanOrEqualTo(-2f));
        Assert.That(values.Max(), Is.LessThan(4f));
        Assert.That(values.Average(), Is.EqualTo(1.0).Within(0.05));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(50_001)]
    public void FillNormal_AnyLength_HasTheRequestedMoments(int length)
    {
        var values = new float[length];
        InitializerKernels.FillNormal(values, 3f, 0.5f, new Random(2));
        Assert.That(values, Has.All.Matches<float>(float.IsFinite));
        if (length < 1000) return;
        double mean = values.Average(v => (double)v);
        double std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.That(mean, Is.EqualTo(3.0).Within(0.01));
        Assert.That(std, Is.EqualTo(0.5).Within(0.01));
    }

    [Test]
    public void FillNormal_SameSeed_SameValues_OtherSeed_OtherValues()
    {
        float[] a = new float[9], b = new float[9], c = new float[9];
        InitializerKernels.FillNormal(a, 0f, 1f, new Random(7));
        InitializerKernels.FillNormal(b, 0f, 1f, new Random(7));
        InitializerKernels.FillNormal(c, 0f, 1f, new Random(8));
        Assert.That(b, Is.EqualTo(a));
        Assert.That(c, Is.Not.EqualTo(a));
    }
}
