using global::OxyPlot;
using NeuralNet.Charts.OxyPlot.Charts;
using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Charts.OxyPlot.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralNet.Charts.OxyPlot.Tests;

/// <summary>Colours where the data says they must be: confusion-matrix cells and decision regions.</summary>
public sealed class PixelTests
{
    private static Image<Rgba32> Export(PlotModel model, TempDirectory directory, string name, int width, int height)
    {
        ChartFiles.Save(model, directory.Output("png", width, height), name, width, height);
        return Image.Load<Rgba32>(Path.Combine(directory.Path, name + ".png"));
    }

    [Test]
    public void ConfusionMatrix_KnownCounts_OneColourPerDistinctCount()
    {
        // Counts 0, 1, 2, 3, 5, 9, 12: seven distinct values over nine cells, so seven cell colours.
        long[] confusion = [5, 0, 2, 1, 9, 0, 0, 3, 12];
        var report = SampleResults.Report(["a", "b", "c"], confusion);
        using var directory = new TempDirectory();
        PlotModel model = ConfusionMatrixChart.Build("known", report, normalized: false);
        using var image = Export(model, directory, "confusion", 600, 600);

        var x = model.Axes.Single(a => a.Position == global::OxyPlot.Axes.AxisPosition.Bottom);
        var y = model.Axes.Single(a => a.Position == global::OxyPlot.Axes.AxisPosition.Left);
        var colours = new Dictionary<long, HashSet<Rgba32>>();
        double cell = Math.Abs(x.Transform(1) - x.Transform(0));
        Assert.That(cell, Is.GreaterThan(50), "cells too small to sample");
        for (int t = 0; t < 3; t++)
        {
            for (int p = 0; p < 3; p++)
            {
                // A quarter cell from the centre, clear of the count printed in the middle.
                int px = (int)Math.Round(x.Transform(p) - cell * 0.3), py = (int)Math.Round(y.Transform(t) - cell * 0.3);
                if (!colours.TryGetValue(confusion[t * 3 + p], out var set)) colours[confusion[t * 3 + p]] = set = [];
                set.Add(image[px, py]);
            }
        }

        Assert.That(colours.Values.All(s => s.Count == 1), "Cells with the same count differ in colour.");
        Assert.That(colours.Values.Select(s => s.Single()).Distinct().Count(), Is.EqualTo(7));
        Assert.That(colours[0].Single(), Is.EqualTo(new Rgba32(255, 255, 255)), "A zero count is white.");
    }

    [Test]
    public void ConfusionMatrix_TrueClassRowsTopToBottom()
    {
        var report = SampleResults.Report(["a", "b", "c"], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
        PlotModel model = ConfusionMatrixChart.Build("order", report, normalized: false);
        using var directory = new TempDirectory();
        Export(model, directory, "order", 500, 500).Dispose();
        var y = model.Axes.Single(a => a.Position == global::OxyPlot.Axes.AxisPosition.Left);

        Assert.That(y.Transform(0), Is.LessThan(y.Transform(2)), "Class 'a' should be the top row.");
    }

    [TestCase(-0.5f, 0.5f, 0)]
    [TestCase(-0.5f, -0.5f, 0)]
    [TestCase(0.5f, -0.5f, 1)]
    [TestCase(0.5f, 0.5f, 2)]
    public void DecisionRegions_PixelAtAKnownPoint_HasItsClassColour(float x0, float x1, int expected)
    {
        RunResults results = SampleResults.TwoInputClassifier(samples: 0 + 60);
        // No samples drawn near the probe: drop the evaluated samples, keep the bounds they give.
        PlotModel model = DecisionRegionsChart.Build(results);
        foreach (var series in model.Series.OfType<global::OxyPlot.Series.ScatterSeries>()) series.Points.Clear();
        using var directory = new TempDirectory();
        using var image = Export(model, directory, "regions", 700, 600);
        var x = model.Axes.Single(a => a.Position == global::OxyPlot.Axes.AxisPosition.Bottom);
        var y = model.Axes.Single(a => a.Position == global::OxyPlot.Axes.AxisPosition.Left);

        Rgba32 pixel = image[(int)Math.Round(x.Transform(x0)), (int)Math.Round(y.Transform(x1))];

        OxyColor colour = ChartStyle.Light(expected);
        Assert.That(pixel, Is.EqualTo(new Rgba32(colour.R, colour.G, colour.B)), $"({x0}, {x1}) should be class {expected}");
        Assert.That(SampleResults.Rule(x0, x1), Is.EqualTo(expected));
    }
}
