using global::OxyPlot;
using global::OxyPlot.Axes;
using global::OxyPlot.Series;
using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary>
/// <c>decision_regions</c>: for a classifier on two input features, the predicted class over a grid spanning the
/// evaluated samples (5% margin), each class in a light version of its colour, with the samples on top in their true
/// class's colour.
/// </summary>
[Component("decision_regions", Aliases = ["decision_boundary"], Description = "Two-input classifiers: predicted class over the plane, samples on top.")]
public sealed class DecisionRegionsChart : IChart
{
    /// <summary>Cells per side of the grid.</summary>
    public const int GridSize = 150;

    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs)
        => task == PredictionTask.Classification && inputShape.Size == 2;

    public void Draw(RunResults results, ChartOutput output) => ChartFiles.Save(Build(results), output, "decision_regions");

    internal static PlotModel Build(RunResults results)
    {
        int classes = Classes.Count(results.Outputs);
        string[] names = ChartStyle.ClassNames(results, classes);
        var (xMin, xMax, yMin, yMax) = Bounds(results);

        var grid = new float[GridSize * GridSize * 2];
        for (int row = 0; row < GridSize; row++)
        {
            for (int column = 0; column < GridSize; column++)
            {
                int cell = row * GridSize + column;
                grid[2 * cell] = (float)(xMin + (xMax - xMin) * (column + 0.5) / GridSize);
                grid[2 * cell + 1] = (float)(yMin + (yMax - yMin) * (row + 0.5) / GridSize);
            }
        }
        int[] predicted = Classes.Of(results.Predict(grid, GridSize * GridSize), GridSize * GridSize, results.Outputs);

        var model = ChartStyle.Model($"{results.Experiment}: decision regions ({results.EvaluatedOn} samples)");
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Bottom, results.FeatureNames?.ElementAtOrDefault(0) ?? "feature 0", xMin, xMax));
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Left, results.FeatureNames?.ElementAtOrDefault(1) ?? "feature 1", yMin, yMax));
        // Two colour axes: light class colours for the regions, full ones for the samples. (A scatter series in a
        // model with a colour axis takes its point colours from one, by the point's value.)
        model.Axes.Add(new LinearColorAxis
        {
            Key = "regions",
            Position = AxisPosition.None,
            Palette = new OxyPalette(Enumerable.Range(0, classes).Select(ChartStyle.Light)),
            Minimum = -0.5,
            Maximum = classes - 0.5,
        });
        model.Axes.Add(new LinearColorAxis
        {
            Key = "samples",
            Position = AxisPosition.None,
            Palette = new OxyPalette(Enumerable.Range(0, classes).Select(ChartStyle.ClassColor)),
            Minimum = -0.5,
            Maximum = classes - 0.5,
        });
        // One rectangle per run of equal cells along a grid row: a few hundred shapes instead of 22,500, which keeps
        // the SVG small, and drawn as vectors in series order, under the samples.
        var regions = new RectangleSeries { ColorAxisKey = "regions" };
        double cellWidth = (xMax - xMin) / GridSize, cellHeight = (yMax - yMin) / GridSize;
        for (int row = 0; row < GridSize; row++)
        {
            for (int start = 0; start < GridSize;)
            {
                int c = predicted[row * GridSize + start], end = start + 1;
                while (end < GridSize && predicted[row * GridSize + end] == c) end++;
                regions.Items.Add(new RectangleItem(xMin + start * cellWidth, xMin + end * cellWidth, yMin + row * cellHeight, yMin + (row + 1) * cellHeight, c));
                start = end;
            }
        }
        model.Series.Add(regions);
        int[] actual = Classes.Of(results.Targets, results.Samples, results.Outputs);
        for (int c = 0; c < classes; c++)
        {
            var points = new ScatterSeries
            {
                Title = names[c], ColorAxisKey = "samples", MarkerType = MarkerType.Circle, MarkerSize = 3.5,
                MarkerFill = ChartStyle.ClassColor(c), MarkerStroke = OxyColors.White, MarkerStrokeThickness = 0.5,
            };
            for (int i = 0; i < results.Samples; i++)
                if (actual[i] == c) points.Points.Add(new ScatterPoint(results.Inputs[2 * i], results.Inputs[2 * i + 1], value: c));
            model.Series.Add(points);
        }
        return model;
    }

    /// <summary>The evaluated samples' extent with a 5% margin (at least 1e-3) on each side.</summary>
    internal static (double XMin, double XMax, double YMin, double YMax) Bounds(RunResults results)
    {
        double xMin = double.MaxValue, xMax = double.MinValue, yMin = double.MaxValue, yMax = double.MinValue;
        for (int i = 0; i < results.Samples; i++)
        {
            xMin = Math.Min(xMin, results.Inputs[2 * i]); xMax = Math.Max(xMax, results.Inputs[2 * i]);
            yMin = Math.Min(yMin, results.Inputs[2 * i + 1]); yMax = Math.Max(yMax, results.Inputs[2 * i + 1]);
        }
        if (results.Samples == 0) (xMin, xMax, yMin, yMax) = (-1, 1, -1, 1);
        double padX = Math.Max(1e-3, (xMax - xMin) * 0.05), padY = Math.Max(1e-3, (yMax - yMin) * 0.05);
        return (xMin - padX, xMax + padX, yMin - padY, yMax + padY);
    }
}
