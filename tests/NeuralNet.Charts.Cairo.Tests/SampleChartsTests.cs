using NeuralNet.Charts.Cairo.Tests.Support;

namespace NeuralNet.Charts.Cairo.Tests;

/// <summary>Writes the sample charts to <c>$TMPDIR/charts</c> for a person to look at. Run on demand only.</summary>
[Explicit("Writes sample charts for visual inspection.")]
public class SampleChartsTests
{
    [Test]
    public void WriteSamples_ToTempCharts_WritesViewablePngs()
    {
        string directory = Path.Combine(Path.GetTempPath(), "charts");
        Directory.CreateDirectory(directory);
        var renderer = new CairoChartRenderer();
        var charts = new (string Name, LineChart Chart)[]
        {
            ("loss", SampleCharts.Loss()),
            ("accuracy", SampleCharts.Accuracy()),
            ("loss_500_epochs", SampleCharts.Loss(500)),
            ("single_point", new LineChart("One epoch", "epoch", "loss", [new ChartSeries("train", [1], [0.7])])),
            ("flat_with_gaps", new LineChart("Flat, with NaN and infinity", "step", "value",
                [new ChartSeries("flat", [0, 1, 2, 3, 4, 5, 6], [0.5, 0.5, double.NaN, 0.5, 0.5, double.PositiveInfinity, 0.5]),
                 new ChartSeries("short", [0, 1, 2], [0.5, 0.5, 0.5])])),
            ("many_series", new LineChart("Twelve learning rates", "epoch", "loss",
                Enumerable.Range(0, 12).Select(i => new ChartSeries($"lr = {0.001 * (i + 1):0.###}",
                    Enumerable.Range(1, 20).Select(e => (double)e).ToArray(),
                    Enumerable.Range(1, 20).Select(e => Math.Exp(-e * (i + 1) / 40.0) + 0.02 * i).ToArray())).ToArray())),
            ("edge_long_text_small", new LineChart("A very long title that cannot possibly fit into such a small image at all", "a long x-axis label that is too wide", "a long y-axis label that is too tall",
                [new ChartSeries("a series with a very long name indeed", [0, 1, 2], [0, 1, 0.5])]) { Width = 240, Height = 180 }),
            ("edge_huge_values", new LineChart("Huge", "x", "y", [new ChartSeries("big", [0, 1, 2, 3], [2e7, -1e7, 3e7, 1.5e7])])),
            ("edge_tiny_values", new LineChart("Tiny", "x", "y", [new ChartSeries("tiny", [0, 0.5, 1], [1e-6, 3e-6, 2e-6])])),
            ("edge_all_nan", new LineChart("Nothing finite", "epoch", "loss", [new ChartSeries("train", [1, 2], [double.NaN, double.NaN])])),
        };
        foreach (var (name, chart) in charts) renderer.Render(chart, Path.Combine(directory, name + ".png"));
        renderer.Render(SampleCharts.Spiral(), Path.Combine(directory, "spiral.png"));
        renderer.Render(new DecisionRegionChart("Quadrants", "x1", "x2", ["zero", "one", "two"], -1, 1, -1, 1, [0, 1, 2, 0], 2, 2,
            [-0.5, -0.6, -0.4, 0.5], [0.5, 0.6, 0.4, -0.5], [1, 1, 1, 2]) { Width = 500, Height = 400 }, Path.Combine(directory, "quadrants.png"));

        Assert.That(Directory.GetFiles(directory, "*.png"), Has.Length.GreaterThanOrEqualTo(charts.Length + 1));
        TestContext.Out.WriteLine($"Wrote samples to {directory}");
    }
}
