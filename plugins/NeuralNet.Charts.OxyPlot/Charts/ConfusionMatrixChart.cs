using global::OxyPlot;
using global::OxyPlot.Axes;
using global::OxyPlot.Series;
using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary>
/// The confusion matrix of a classifier on the evaluated samples as heatmaps with class names on both axes (true
/// class down the side, predicted along the bottom): <c>confusion</c> with the counts, <c>confusion_normalized</c>
/// with each row divided by its class's support (the recall on the diagonal).
/// </summary>
[Component("confusion", Aliases = ["confusion_matrix"], Description = "Confusion matrix heatmaps: counts and row-normalised, class names on the axes.")]
public sealed class ConfusionMatrixChart : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs) => task == PredictionTask.Classification;

    public void Draw(RunResults results, ChartOutput output)
    {
        ClassReport report = Report(results);
        int size = Math.Max(output.Width, output.Height);
        ChartFiles.Save(Build(results.Experiment, report, normalized: false), output, "confusion", size, size);
        ChartFiles.Save(Build(results.Experiment, report, normalized: true), output, "confusion_normalized", size, size);
    }

    /// <summary>The heatmap model: cell (x = predicted, y = true) holds the count or the row fraction.</summary>
    internal static PlotModel Build(string experiment, ClassReport report, bool normalized)
    {
        int n = report.Classes;
        long[] counts = report.Confusion!;
        var data = new double[n, n];
        for (int t = 0; t < n; t++)
        {
            long support = 0;
            for (int p = 0; p < n; p++) support += counts[t * n + p];
            for (int p = 0; p < n; p++)
                data[p, t] = normalized ? (support == 0 ? 0 : (double)counts[t * n + p] / support) : counts[t * n + p];
        }
        var model = ChartStyle.Model($"{experiment}: confusion matrix{(normalized ? " (each row / its support)" : "")}", legend: false);
        var predicted = new CategoryAxis { Position = AxisPosition.Bottom, Title = "Predicted class", GapWidth = 0, Angle = n > 6 ? -45 : 0 };
        var actual = new CategoryAxis { Position = AxisPosition.Left, Title = "True class", GapWidth = 0, StartPosition = 1, EndPosition = 0 };
        predicted.Labels.AddRange(report.ClassNames);
        actual.Labels.AddRange(report.ClassNames);
        model.Axes.Add(predicted);
        model.Axes.Add(actual);
        double max = normalized ? 1 : Math.Max(1, counts.Max());
        model.Axes.Add(new LinearColorAxis
        {
            Position = AxisPosition.Right,
            Palette = OxyPalette.Interpolate(200, OxyColors.White, OxyColor.FromRgb(8, 48, 107)),
            Minimum = 0,
            Maximum = max,
            Title = normalized ? "Fraction of the row" : "Samples",
        });
        model.Series.Add(new HeatMapSeries
        {
            X0 = 0,
            X1 = n - 1,
            Y0 = 0,
            Y1 = n - 1,
            Data = data,
            Interpolate = false,
            RenderMethod = HeatMapRenderMethod.Rectangles,
            CoordinateDefinition = HeatMapCoordinateDefinition.Center,
            LabelFormatString = normalized ? "0.00" : "0",
            LabelFontSize = n <= 12 ? 0.25 : 0,
        });
        return model;
    }

    internal static ClassReport Report(RunResults results)
        => results.Classes is { Confusion: not null } report
            ? report
            : throw new InvalidOperationException("The run results carry no confusion matrix: the data is not single-label classification.");
}
