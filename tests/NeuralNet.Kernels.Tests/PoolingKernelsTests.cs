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
