using NeuralNet.Charts.Cairo.Tests.Support;

namespace NeuralNet.Charts.Cairo.Tests;

public class DecisionRegionRenderingTests
{
    // tab10 blue, orange, green at 30 % over white.
    private static readonly Color8[] Saturated = [Color8.Hex("#1f77b4"), Color8.Hex("#ff7f0e"), Color8.Hex("#2ca02c")];
    private static readonly Color8[] Pastel = Saturated.Select(c => c.OverWhite(0.3)).ToArray();

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

    /// <summary>
    /// Grid (row 0 at the bottom): row 0 = [0, 1], row 1 = [2, 0]. So on screen: top-left green (2), top-right
    /// blue (0), bottom-left blue (0), bottom-right orange (1). Orange samples sit in the top-left cell.
    /// </summary>
    private static DecisionRegionChart TwoByTwo() => new("Quadrants", "x1", "x2", ["zero", "one", "two"],
        -1, 1, -1, 1, [0, 1, 2, 0], 2, 2,
        [-0.5, -0.6, -0.4, -0.5], [0.5, 0.6, 0.4, 0.7], [1, 1, 1, 1]);

    [Test]
    public void Render_TwoByTwoGrid_FillsEachCellWithItsClassPastelRowZeroAtTheBottom()
    {
        string path = _temp.File("regions.png");
        _renderer.Render(TwoByTwo(), path);

        Assert.That(DecodedPng.ReadHeader(path), Is.EqualTo((700, 600)));
        DecodedPng png = DecodedPng.Load(path);
        // The plot area is the bounding box of the region colours.
        List<(int X, int Y)> region = Pastel.SelectMany(c => png.Find(c)).ToList();
        int left = region.Min(p => p.X), right = region.Max(p => p.X), top = region.Min(p => p.Y), bottom = region.Max(p => p.Y);
        Assert.That(right - left, Is.GreaterThan(400), "plot area width");
        Assert.That(bottom - top, Is.GreaterThan(300), "plot area height");

        Assert.That(png[left + 4, top + 4].IsNear(Pastel[2], 2), $"top-left is class 2's pastel, got {png[left + 4, top + 4]}");
        Assert.That(png[left + 4, bottom - 4].IsNear(Pastel[0], 2), $"bottom-left is class 0's pastel, got {png[left + 4, bottom - 4]}");
        Assert.That(png[right - 4, bottom - 4].IsNear(Pastel[1], 2), $"bottom-right is class 1's pastel, got {png[right - 4, bottom - 4]}");
        int midX = (left + right) / 2, midY = (top + bottom) / 2;
        Assert.That(png[midX + 20, midY - 20].IsNear(Pastel[0], 2), $"top-right is class 0's pastel, got {png[midX + 20, midY - 20]}");
    }

    [Test]
    public void Render_Samples_DrawnInSaturatedClassColourWhereTheyAre()
    {
        string path = _temp.File("regions.png");
        _renderer.Render(TwoByTwo(), path);

        DecodedPng png = DecodedPng.Load(path);
        List<(int X, int Y)> region = Pastel.SelectMany(c => png.Find(c)).ToList();
        double centreX = (region.Min(p => p.X) + region.Max(p => p.X)) / 2.0, centreY = (region.Min(p => p.Y) + region.Max(p => p.Y)) / 2.0;
        List<(int X, int Y)> orange = png.Find(Saturated[1], 3);
        Assert.That(orange, Has.Count.GreaterThan(40), "four orange samples and a legend dot");
        int inTopLeft = orange.Count(p => p.X < centreX && p.Y < centreY);
        Assert.That(inTopLeft, Is.GreaterThan(orange.Count * 0.6), "the samples at (-0.5, 0.5) are in the top-left quadrant");
        Assert.That(png.Find(Color8.Hex("#1a1a1a"), 40), Is.Not.Empty, "dark outlines and text");
    }

    [Test]
    public void Render_Spiral_ShowsAllThreeRegionsAndSampleColours()
    {
        string path = _temp.File("spiral.png");
        _renderer.Render(SampleCharts.Spiral(perClass: 60, gridSize: 60), path);

        DecodedPng png = DecodedPng.Load(path);
        for (int k = 0; k < 3; k++)
        {
            Assert.That(png.Find(Pastel[k]), Has.Count.GreaterThan(10_000), $"region of class {k}");
            Assert.That(png.Find(Saturated[k], 3), Has.Count.GreaterThan(200), $"samples of class {k}");
        }
    }

    [Test]
    public void Render_GridOfWrongSize_ThrowsNamingGridClasses()
    {
        DecisionRegionChart chart = TwoByTwo() with { GridRows = 3 };

        var error = Assert.Throws<ArgumentException>(() => _renderer.Render(chart, _temp.File("bad.png")))!;
        Assert.That(error.Message, Does.Contain("GridClasses has 4 cells").And.Contain("3 x 2 = 6"));
    }

    [Test]
    public void Render_PointArraysOfDifferentLengths_ThrowsArgumentException()
    {
        DecisionRegionChart chart = TwoByTwo() with { PointsY = [0.5] };

        var error = Assert.Throws<ArgumentException>(() => _renderer.Render(chart, _temp.File("bad.png")))!;
        Assert.That(error.Message, Does.Contain("got 4, 1 and 4"));
    }

    [Test]
    public void Render_ClassWithoutName_ThrowsNamingTheEntry()
    {
        DecisionRegionChart chart = TwoByTwo() with { PointClasses = [1, 1, 3, 1] };

        var error = Assert.Throws<ArgumentException>(() => _renderer.Render(chart, _temp.File("bad.png")))!;
        Assert.That(error.Message, Does.Contain("PointClasses[2] is class 3").And.Contain("3 names"));
    }

    [Test]
    public void Render_EmptyRange_ThrowsArgumentException()
    {
        DecisionRegionChart chart = TwoByTwo() with { XMax = -1 };

        Assert.Throws<ArgumentException>(() => _renderer.Render(chart, _temp.File("bad.png")));
    }

    [Test]
    public void Render_NonFiniteSampleAndFineGrid_StillRenders()
    {
        var grid = new int[500 * 700];
        for (int i = 0; i < grid.Length; i++) grid[i] = (i % 700) * 3 / 700;
        DecisionRegionChart chart = TwoByTwo() with
        {
            GridClasses = grid, GridRows = 500, GridColumns = 700,
            PointsX = [double.NaN, 0, 5], PointsY = [0, double.PositiveInfinity, 5], PointClasses = [0, 1, 2],
        };
        string path = _temp.File("fine.png");
        _renderer.Render(chart, path);

        DecodedPng png = DecodedPng.Load(path);
        for (int k = 0; k < 3; k++) Assert.That(png.Find(Pastel[k]), Has.Count.GreaterThan(30_000), $"band of class {k}");
    }
}
