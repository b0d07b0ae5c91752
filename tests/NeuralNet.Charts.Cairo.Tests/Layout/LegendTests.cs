using NeuralNet.Charts.Cairo.Drawing;
using NeuralNet.Charts.Cairo.Layout;

namespace NeuralNet.Charts.Cairo.Tests.Layout;

public class LegendTests
{
    private static PlotFrame Frame(CairoCanvas canvas) => PlotFrame.Layout(canvas, "t", "x", "y", (0, 1), (0, 1));

    private static Legend TwoEntries(CairoCanvas canvas) => Legend.Measure(canvas,
        [new LegendEntry("train", ChartPalette.Color(0), LegendSwatch.Line), new LegendEntry("validation", ChartPalette.Color(1), LegendSwatch.Line)], 200);

    [Test]
    public void Place_NothingInTheWay_TopRight()
    {
        using var canvas = new CairoCanvas(800, 500);
        PlotFrame frame = Frame(canvas);

        Legend legend = TwoEntries(canvas);

        (double x, double y, int covered) = legend.PlaceInside(frame, []);

        Assert.That(covered, Is.Zero);
        Assert.That(x + legend.Width, Is.EqualTo(frame.Right - 8).Within(1));
        Assert.That(y, Is.EqualTo(frame.Top + 8).Within(1));
    }

    [Test]
    public void Place_LinesAlongTopAndBottomLeft_MovesToTheEmptyBottomRight()
    {
        using var canvas = new CairoCanvas(800, 500);
        PlotFrame frame = Frame(canvas);
        // A line along the whole top, and one along the left half of the bottom.
        var ts = Enumerable.Range(0, 1000).Select(i => i / 999.0).ToList();
        var points = ts.Select(t => (frame.PixelX(t), frame.PixelY(0.95)))
            .Concat(ts.Where(t => t < 0.5).Select(t => (frame.PixelX(t), frame.PixelY(0.05)))).ToList();

        (double x, double y, int covered) = TwoEntries(canvas).PlaceInside(frame, points);

        Assert.That(covered, Is.Zero);
        Assert.That(x, Is.GreaterThan((frame.Left + frame.Right) / 2), "right half");
        Assert.That(y, Is.GreaterThan((frame.Top + frame.Bottom) / 2), "bottom half");
    }

    [Test]
    public void Arrange_DataEverywhere_PutsLegendRightOfANarrowerPlot()
    {
        using var canvas = new CairoCanvas(800, 500);
        LegendEntry[] entries = [new("train", ChartPalette.Color(0), LegendSwatch.Line)];
        // A dense cloud over the whole plot: every inside spot would hide data.
        static List<(double X, double Y)> Cloud(PlotFrame f)
            => [.. from i in Enumerable.Range(0, 60) from j in Enumerable.Range(0, 40) select (f.Left + f.Width * i / 59, f.Top + f.Height * j / 39)];

        LegendedPlot plot = LegendedPlot.Arrange(canvas, entries,
            reserve => PlotFrame.Layout(canvas, "t", "x", "y", (0, 1), (0, 1), reserveRight: reserve), Cloud);

        Assert.That(plot.LegendX, Is.GreaterThan(plot.Frame.Right), "legend outside, right of the plot");
        Assert.That(plot.LegendX + plot.Legend.Width, Is.LessThanOrEqualTo(800), "and inside the image");
    }
}
