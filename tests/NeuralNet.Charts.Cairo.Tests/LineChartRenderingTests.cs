using NeuralNet.Charts.Cairo.Tests.Support;

namespace NeuralNet.Charts.Cairo.Tests;

public class LineChartRenderingTests
{
    private static readonly Color8 Blue = Color8.Hex("#1f77b4");
    private static readonly Color8 Orange = Color8.Hex("#ff7f0e");

    private TempDirectory _temp = null!;
    private CairoChartRenderer _renderer = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _renderer = new CairoChartRenderer();
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Render_LossChart_WritesPngOfRequestedSize()
    {
        string path = _temp.File("loss.png");
        _renderer.Render(SampleCharts.Loss() with { Width = 640, Height = 420 }, path);

        (int width, int height) = DecodedPng.ReadHeader(path);
        Assert.That((width, height), Is.EqualTo((640, 420)));
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(4000), "a chart with text and lines compresses to more than a few KB");
        DecodedPng png = DecodedPng.Load(path);
        Assert.That((png.Width, png.Height), Is.EqualTo((640, 420)));
    }

    [Test]
    public void Render_TwoSeries_DrawsEachInItsPaletteColourAtItsHeight()
    {
        double[] x = Enumerable.Range(0, 21).Select(i => (double)i).ToArray();
        var chart = new LineChart("Two levels", "epoch", "value",
            [new ChartSeries("high", x, x.Select(_ => 1.0).ToArray()), new ChartSeries("low", x, x.Select(_ => 0.0).ToArray())]);
        string path = _temp.File("levels.png");
        _renderer.Render(chart, path);

        DecodedPng png = DecodedPng.Load(path);
        List<(int X, int Y)> blue = png.Find(Blue, tolerance: 3);
        List<(int X, int Y)> orange = png.Find(Orange, tolerance: 3);
        // A legend swatch is ~50 pixels; a 2-px line across the plot is well over a thousand.
        Assert.That(blue, Has.Count.GreaterThan(600), "first series (tab10 blue) drawn as a line");
        Assert.That(orange, Has.Count.GreaterThan(600), "second series (tab10 orange) drawn as a line");
        Assert.That(blue.Average(p => p.Y), Is.LessThan(orange.Average(p => p.Y) - 100), "y grows upwards: y = 1 is drawn above y = 0");
        Assert.That(blue.Max(p => p.X) - blue.Min(p => p.X), Is.GreaterThan(png.Width / 2), "the line spans the plot");
    }

    [Test]
    public void Render_LossChart_IsMostlyWhiteButNotOneColour()
    {
        string path = _temp.File("loss.png");
        _renderer.Render(SampleCharts.Loss(), path);

        DecodedPng png = DecodedPng.Load(path);
        double white = png.Fraction(Color8.White);
        Assert.That(white, Is.InRange(0.6, 0.99), "white background with drawing on it");
        Assert.That(png.DistinctColors(), Is.GreaterThan(20), "antialiased lines and text give many shades");
        Assert.That(png[0, 0], Is.EqualTo(Color8.White), "background");
        Assert.That(png.Find(Color8.Hex("#e5e5e5"), 0), Has.Count.GreaterThan(200), "light grid lines");
    }

    private static IEnumerable<TestCaseData> EdgeCases()
    {
        double[] Range(int n) => Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        yield return new TestCaseData(new LineChart("One point", "epoch", "loss", [new ChartSeries("train", [1], [0.5])])).SetName("SinglePoint");
        yield return new TestCaseData(new LineChart("Flat", "epoch", "loss", [new ChartSeries("train", Range(10), Enumerable.Repeat(0.25, 10).ToArray())])).SetName("AllEqual");
        yield return new TestCaseData(new LineChart("Zero", "epoch", "loss", [new ChartSeries("train", Range(5), new double[5])])).SetName("AllZero");
        yield return new TestCaseData(new LineChart("Gaps", "epoch", "loss",
            [new ChartSeries("train", Range(6), [1, double.NaN, 0.5, double.PositiveInfinity, double.NegativeInfinity, 0.2])])).SetName("NaNAndInfinity");
        yield return new TestCaseData(new LineChart("Nothing finite", "epoch", "loss", [new ChartSeries("train", Range(3), [double.NaN, double.NaN, double.NaN])])).SetName("AllNaN");
        yield return new TestCaseData(new LineChart("Long run", "epoch", "loss",
            [new ChartSeries("train", Range(5000), Range(5000).Select(e => 1 / e).ToArray())])).SetName("ManyEpochs");
        yield return new TestCaseData(new LineChart("Lengths", "epoch", "loss",
            [new ChartSeries("long", Range(30), Range(30).Select(e => 1 / e).ToArray()), new ChartSeries("short", Range(4), [1, 0.8, 0.7, 0.65]), new ChartSeries("empty", [], [])])).SetName("DifferentLengths");
        yield return new TestCaseData(new LineChart("", "", "", [])).SetName("NoSeriesNoText");
        yield return new TestCaseData(new LineChart("Huge", "x", "y", [new ChartSeries("big", [0, 1, 2], [1e300, -1e300, 1e300])])).SetName("HugeValues");
        yield return new TestCaseData(new LineChart("Tiny", "x", "y", [new ChartSeries("tiny", [0, 1, 2], [1e-9, 2e-9, 1.5e-9])])).SetName("TinyValues");
        yield return new TestCaseData(new LineChart(new string('T', 300), new string('x', 300), new string('y', 300),
            [new ChartSeries(new string('s', 300), [0, 1], [0, 1])]) { Width = 100, Height = 100 }).SetName("LongTextSmallImage");
        yield return new TestCaseData(new LineChart("Fifteen", "epoch", "loss",
            Enumerable.Range(0, 15).Select(i => new ChartSeries("s" + i, Range(8), Range(8).Select(e => i + 1 / e).ToArray())).ToArray())).SetName("MoreSeriesThanColours");
        yield return new TestCaseData(new LineChart("Unsorted", "x", "y", [new ChartSeries("", [3, -1, 2, 0.5], [-2, 4, 0, 1])])).SetName("UnsortedNegativeUnnamed");
    }

    [TestCaseSource(nameof(EdgeCases))]
    public void Render_EdgeCase_WritesValidPng(LineChart chart)
    {
        string path = _temp.File("edge.png");
        _renderer.Render(chart, path);

        Assert.That(DecodedPng.ReadHeader(path), Is.EqualTo((chart.Width, chart.Height)));
        Assert.That(DecodedPng.Load(path).DistinctColors(), Is.GreaterThan(2), "something was drawn");
    }

    [Test]
    public void Render_NaNBetweenPoints_StillDrawsTheFinitePoints()
    {
        var chart = new LineChart("Gaps", "epoch", "loss", [new ChartSeries("train", [1, 2, 3, 4, 5], [1, 0.8, double.NaN, 0.4, 0.3])]);
        string path = _temp.File("gaps.png");
        _renderer.Render(chart, path);

        Assert.That(DecodedPng.Load(path).Find(Blue, 3), Has.Count.GreaterThan(150));
    }

    [Test]
    public void Render_SeriesWithMismatchedLengths_ThrowsNamingTheSeries()
    {
        var chart = new LineChart("Bad", "epoch", "loss",
            [new ChartSeries("train", [1, 2, 3], [1, 2, 3]), new ChartSeries("validation", [1, 2, 3], [1, 2])]);
        string path = _temp.File("bad.png");

        var error = Assert.Throws<ArgumentException>(() => _renderer.Render(chart, path))!;
        Assert.That(error.Message, Does.Contain("'validation'").And.Contain("3 X values").And.Contain("2 Y values"));
        Assert.That(File.Exists(path), Is.False, "nothing written for a rejected chart");
    }

    [TestCase(99, 500)]
    [TestCase(800, 0)]
    [TestCase(40000, 500)]
    public void Render_SizeOutOfRange_ThrowsArgumentException(int width, int height)
    {
        var chart = SampleCharts.Loss() with { Width = width, Height = height };

        var error = Assert.Throws<ArgumentException>(() => _renderer.Render(chart, _temp.File("size.png")))!;
        Assert.That(error.Message, Does.Contain($"{width} x {height}"));
    }
}
