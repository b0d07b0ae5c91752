using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels.Tests;

[TestFixture]
public class PoolingKernelsTests
{
    private const int Batch = 2;

    private static readonly Dictionary<string, Func<Pool2dGeometry>> Geometries = new()
    {
        ["C3 7x9 pool 3x2 stride 2x1 pad 1x1"] = () => Pool2dGeometry.Create(3, 7, 9, 3, 2, 2, 1, 1, 1),
        ["C2 9x7 pool 3 stride 2 (overlapping)"] = () => Pool2dGeometry.Create(2, 9, 7, 3, 2),
        ["C2 7x7 pool 2 stride 3 (gaps)"] = () => Pool2dGeometry.Create(2, 7, 7, 2, 3),
        ["C1 5x6 pool 4x2 stride 1x2 pad 2x1"] = () => Pool2dGeometry.Create(1, 5, 6, 4, 2, 1, 2, 2, 1),
        ["C4 28x28 pool 2 stride 2"] = () => Pool2dGeometry.Create(4, 28, 28, 2, 2),
    };

    private static IEnumerable<string> GeometryNames() => Geometries.Keys;

    [TestCaseSource(nameof(GeometryNames))]
    public void MaxPool2dForward_OddGeometries_MatchesNaiveMaxAndIndices(string name)
    {
        Pool2dGeometry g = Geometries[name]();
        float[] x = GemmReference.Random(Batch * g.InputSize, 1);
        float[] y = GemmReference.Random(Batch * g.OutputSize, 2);
        int[] argmax = new int[y.Length];

        PoolingKernels.MaxPool2dForward(g, Batch, x, y, argmax);

        (float[] values, int[] indices) = PoolingReference.MaxPool(g, Batch, x);
        Assert.That(y, Is.EqualTo(values));
        Assert.That(argmax, Is.EqualTo(indices));
    }

    [Test]
    public void MaxPool2dForward_TiesAndAllNegative_FirstMaximumInWindowWins()
    {
        // Values from {-4, -3, -2, -1}: many ties, all below zero (so zero padding would wrongly win).
        Pool2dGeometry g = Pool2dGeometry.Create(2, 6, 5, 3, 3, 2, 1, 1, 1);
        float[] x = GemmReference.Random(Batch * g.InputSize, 3).Select(v => MathF.Floor(v * 1.5f) - 2f).ToArray();
        float[] y = new float[Batch * g.OutputSize];
        int[] argmax = new int[y.Length];

        PoolingKernels.MaxPool2dForward(g, Batch, x, y, argmax);

        (float[] values, int[] indices) = PoolingReference.MaxPool(g, Batch, x);
        Assert.That(y, Is.EqualTo(values));
        Assert.That(y, Has.All.LessThan(0f));
        Assert.That(argmax, Is.EqualTo(indices));
    }

    /// <summary>
    /// The 2x2 stride-2 unpadded fast path (vectorised four windows at a time, with an overlapping last group) against
    /// the documented rule: first maximum in row-major window order wins ties, a NaN propagates (the last NaN wins),
    /// -inf inputs keep the first index. Widths cover fewer than four windows, exactly four, and a ragged end.
    /// </summary>
    [TestCase(1, 3, 4)]
    [TestCase(2, 4, 5)]
    [TestCase(3, 7, 8)]
    [TestCase(2, 6, 11)]
    [TestCase(2, 5, 28)]
    public void MaxPool2dForward_TwoByTwoFastPath_TiesNaNAndInfinityFollowTheRule(int channels, int height, int width)
    {
        Pool2dGeometry g = Pool2dGeometry.Create(channels, height, width, 2, 2);
        var random = new Random(height * 100 + width);
        float[] special = [float.NaN, float.NegativeInfinity, float.PositiveInfinity];
        float[] x = Enumerable.Range(0, Batch * g.InputSize)
            .Select(_ => random.Next(20) == 0 ? special[random.Next(3)] : random.Next(4) - 2f).ToArray();
        float[] y = new float[Batch * g.OutputSize];
        int[] argmax = new int[y.Length];

        PoolingKernels.MaxPool2dForward(g, Batch, x, y, argmax);

        int i = 0;
        for (int plane = 0; plane < Batch * channels; plane++)
            for (int oh = 0; oh < g.OutputHeight; oh++)
                for (int ow = 0; ow < g.OutputWidth; ow++, i++)
                {
                    float best = float.NegativeInfinity;
                    int bestIndex = 2 * oh * width + 2 * ow;
                    foreach (int index in new[] { bestIndex, bestIndex + 1, bestIndex + width, bestIndex + width + 1 })
                    {
                        float value = x[plane * height * width + index];
                        if (value > best || float.IsNaN(value))
                            (best, bestIndex) = (value, index);
                    }

                    Assert.That(BitConverter.SingleToInt32Bits(y[i]), Is.EqualTo(BitConverter.SingleToInt32Bits(best)), $"y[{i}]");
                    Assert.That(argmax[i], Is.EqualTo(bestIndex), $"argmax[{i}]");
                }
    }

    [Test]
    public void MaxPool2dForward_TwoByTwoFastPath_OneTwoOrThreeThreadsBitwiseIdentical()
    {
        Pool2dGeometry g = Pool2dGeometry.Create(16, 14, 14, 2, 2);
        float[] x = GemmReference.Random(8 * g.InputSize, 21);
        int saved = KernelSettings.MaxThreads;
        try
        {
            (float[] Y, int[] Argmax) Run(int threads)
            {
                KernelSettings.MaxThreads = threads;
                float[] y = new float[8 * g.OutputSize];
                int[] argmax = new int[y.Length];
                PoolingKernels.MaxPool2dForward(g, 8, x, y, argmax);
                return (y, argmax);
            }

            var single = Run(1);
            foreach (int threads in new[] { 2, 3 })
            {
                var split = Run(threads);
                Assert.That(split.Y, Is.EqualTo(single.Y), $"{threads} threads");
                Assert.That(split.Argmax, Is.EqualTo(single.Argmax), $"{threads} threads");
            }
        }
        finally
        {
            KernelSettings.MaxThreads = saved;
        }
    }

    [TestCaseSource(nameof(GeometryNames))]
    public void MaxPool2dBackward_OddGeometries_ScattersOntoWinners(string name)
    {
        Pool2dGeometry g = Geometries[name]();
        float[] x = GemmReference.Random(Batch * g.InputSize, 4);
        float[] y = new float[Batch * g.OutputSize];
        int[] argmax = new int[y.Length];
        float[] dy = GemmReference.Random(y.Length, 5);
        float[] dx = GemmReference.Random(x.Length, 6);
        PoolingKernels.MaxPool2dForward(g, Batch, x, y, argmax);

        PoolingKernels.MaxPool2dBackward(g, Batch, dy, argmax, dx);

        double[] expected = PoolingReference.MaxPoolBackward(g, Batch, dy, PoolingReference.MaxPool(g, Batch, x).Indices);
        AssertClose(dx, expected, "dx");
    }

    [TestCase(3, 7, 9)]
    [TestCase(2, 28, 28)]
    [TestCase(1, 5, 4)]
    public void MaxPool2dBackward_TwoByTwo_OddSidesAndStaleValues_MatchTheReference(int channels, int height, int width)
    {
        Pool2dGeometry g = Pool2dGeometry.Create(channels, height, width, 2, 2);
        float[] x = GemmReference.Random(Batch * g.InputSize, 7), y = new float[Batch * g.OutputSize];
        int[] argmax = new int[y.Length];
        float[] dy = GemmReference.Random(y.Length, 8), dx = GemmReference.Random(x.Length, 9); // stale values everywhere
        PoolingKernels.MaxPool2dForward(g, Batch, x, y, argmax);

        PoolingKernels.MaxPool2dBackward(g, Batch, dy, argmax, dx);

        double[] expected = PoolingReference.MaxPoolBackward(g, Batch, dy, argmax);
        Assert.That(dx.Select(v => (double)v).ToArray(), Is.EqualTo(expected), "every pixel: the winner's dy, or 0");
    }

    [Test]
    public void MaxPool2dBackward_TwoByTwo_WinnerOutsideItsWindow_IsRoutedThereAsTheGeneralLoopDoes()
    {
        // Indices normally come from the forward pass; one pointing into another window (inside the plane) still gets
        // its gradient added there, and one outside the plane is rejected.
        Pool2dGeometry g = Pool2dGeometry.Create(1, 4, 4, 2, 2);
        int[] argmax = [0, 2, 8, 0]; // window (1, 1) names pixel 0, in window (0, 0)
        float[] dy = [1f, 2f, 3f, 4f], dx = new float[16];
        PoolingKernels.MaxPool2dBackward(g, 1, dy, argmax, dx);
        Assert.That(dx[0], Is.EqualTo(5f));
        Assert.That(dx[2], Is.EqualTo(2f));
        Assert.That(dx[8], Is.EqualTo(3f));
        Assert.That(dx.Sum(), Is.EqualTo(10f));

        argmax[3] = 16;
        Assert.That(() => PoolingKernels.MaxPool2dBackward(g, 1, dy, argmax, dx),
            Throws.ArgumentException.With.Message.Contains("outside its input plane"));
    }

    [TestCaseSource(nameof(AvgCases))]
    public void AvgPool2dForward_OddGeometries_MatchesNaiveMean(string name, bool includePadding)
    {
        Pool2dGeometry g = Geometries[name]();
        float[] x = GemmReference.Random(Batch * g.InputSize, 7);
        float[] y = GemmReference.Random(Batch * g.OutputSize, 8);

        PoolingKernels.AvgPool2dForward(g, Batch, x, y, includePadding);

        AssertClose(y, PoolingReference.AvgPool(g, Batch, x, includePadding), "y");
    }

    [TestCaseSource(nameof(AvgCases))]
    public void AvgPool2dBackward_OddGeometries_SpreadsGradientOverWindows(string name, bool includePadding)
    {
        Pool2dGeometry g = Geometries[name]();
        float[] dy = GemmReference.Random(Batch * g.OutputSize, 9);
        float[] dx = GemmReference.Random(Batch * g.InputSize, 10);

        PoolingKernels.AvgPool2dBackward(g, Batch, dy, dx, includePadding);

        AssertClose(dx, PoolingReference.AvgPoolBackward(g, Batch, dy, includePadding), "dx");
    }

    [Test]
    public void AvgPool2dForward_DefaultWithPadding_CountsPaddingInDivisor()
    {
        // 1x2x2 input of ones, 2x2 windows at stride 1 with padding 1: the corner window holds one real pixel.
        Pool2dGeometry g = Pool2dGeometry.Create(1, 2, 2, 2, 1, 1);
        float[] x = [1f, 1f, 1f, 1f], y = new float[9];

        PoolingKernels.AvgPool2dForward(g, 1, x, y);

        Assert.That(y, Is.EqualTo(new[] { 0.25f, 0.5f, 0.25f, 0.5f, 1f, 0.5f, 0.25f, 0.5f, 0.25f }));
    }

    [Test]
    public void GlobalAvgPool_ForwardAndBackward_MatchMeanAndUniformSpread()
    {
        const int channels = 3, plane = 35;
        float[] x = GemmReference.Random(Batch * channels * plane, 11);
        float[] y = new float[Batch * channels], dy = GemmReference.Random(y.Length, 12);
        float[] dx = GemmReference.Random(x.Length, 13);

        PoolingKernels.GlobalAvgPoolForward(Batch, channels, plane, x, y);
        PoolingKernels.GlobalAvgPoolBackward(Batch, channels, plane, dy, dx);

        double[] mean = Enumerable.Range(0, y.Length).Select(i => x.Skip(i * plane).Take(plane).Sum(v => (double)v) / plane).ToArray();
        AssertClose(y, mean, "y");
        AssertClose(dx, Enumerable.Range(0, x.Length).Select(i => (double)dy[i / plane] / plane).ToArray(), "dx");
    }

    private static IEnumerable<TestCaseData> AvgCases()
    {
        foreach (string name in Geometries.Keys)
            foreach (bool includePadding in new[] { true, false })
                yield return new TestCaseData(name, includePadding);
    }

    private static void AssertClose(float[] actual, double[] expected, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what);
        for (int i = 0; i < actual.Length; i++)
        {
            double bound = 1e-4 * Math.Max(1, Math.Abs(expected[i]));
            if (!(Math.Abs(actual[i] - expected[i]) <= bound))
                Assert.Fail($"{what}[{i}] = {actual[i]} but reference is {expected[i]}");
        }
    }
}
