using NeuralNet.Charts.Cairo.Drawing;
using NeuralNet.Charts.Cairo.Layout;

namespace NeuralNet.Charts.Cairo.Tests.Layout;

public class PlotFrameTests
{
    [TestCase(30)]
    [TestCase(500)]
    [TestCase(100_000)]
    public void Layout_ManyEpochs_XTickLabelsDoNotOverlap(int epochs)
    {
        using var canvas = new CairoCanvas(800, 500);
        PlotFrame frame = PlotFrame.Layout(canvas, "t", "epoch", "loss", NiceScale.Limits(1, epochs, 0.02, integerData: true), (0, 1), xMinStep: 1);

        canvas.SetFont(PlotFrame.TickFontSize);
        Assert.That(frame.XTicks, Has.Length.InRange(3, 13));
        Assert.That(frame.XStep, Is.GreaterThanOrEqualTo(1), "no fractional epochs");
        for (int i = 1; i < frame.XTicks.Length; i++)
        {
            double gap = frame.PixelX(frame.XTicks[i]) - frame.PixelX(frame.XTicks[i - 1]);
            double halfWidths = (canvas.TextWidth(NiceScale.Format(frame.XTicks[i], frame.XStep))
                + canvas.TextWidth(NiceScale.Format(frame.XTicks[i - 1], frame.XStep))) / 2;
            Assert.That(gap, Is.GreaterThan(halfWidths + 8), $"labels {frame.XTicks[i - 1]} and {frame.XTicks[i]} overlap");
        }
    }

    [Test]
    public void Layout_WideYTickLabels_LeftMarginMakesRoom()
    {
        using var canvas = new CairoCanvas(800, 500);
        PlotFrame narrow = PlotFrame.Layout(canvas, "t", "x", "y", (0, 1), (0, 1));
        PlotFrame wide = PlotFrame.Layout(canvas, "t", "x", "y", (0, 1), (-123456.5, 987654.5));

        Assert.That(wide.Left, Is.GreaterThan(narrow.Left + 20));
        Assert.That(wide.Right, Is.LessThanOrEqualTo(800));
        Assert.That(wide.Bottom, Is.LessThan(500));
    }

    [Test]
    public void PixelY_LargerValues_AreHigherUp()
    {
        using var canvas = new CairoCanvas(400, 300);
        PlotFrame frame = PlotFrame.Layout(canvas, "", "", "", (0, 1), (0, 1));

        Assert.That(frame.PixelY(1), Is.EqualTo(frame.Top).Within(1e-9));
        Assert.That(frame.PixelY(0), Is.EqualTo(frame.Bottom).Within(1e-9));
        Assert.That(frame.PixelX(0), Is.EqualTo(frame.Left).Within(1e-9));
    }

    [Test]
    public void Fit_TooLongText_ShrinksThenEllipsises()
    {
        using var canvas = new CairoCanvas(400, 300);
        string text = PlotFrame.Fit(canvas, new string('W', 200), 150, 13);

        Assert.That(text, Does.EndWith("…"));
        Assert.That(canvas.TextWidth(text), Is.LessThanOrEqualTo(150));
        Assert.That(PlotFrame.Fit(canvas, "loss", 150, 13), Is.EqualTo("loss"));
    }
}
