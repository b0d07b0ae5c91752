using global::OxyPlot;
using global::OxyPlot.Axes;
using global::OxyPlot.Series;

namespace NeuralNet.Charts.OxyPlot.Internal;

/// <summary>What the regression scatter charts share: one colour per output, a point per evaluated sample, a dashed reference line.</summary>
internal static class RegressionScatter
{
    /// <summary>
    /// A scatter of <paramref name="point"/>(actual, predicted) per sample and output (non-finite points skipped),
    /// with <paramref name="reference"/> drawn dashed from the smallest to the largest x (and y for the identity line).
    /// </summary>
    public static PlotModel Build(RunResults results, string title, string xTitle, string yTitle,
        Func<double, double, (double X, double Y)> point, Func<double, double, DataPoint[]> reference, string? referenceTitle)
    {
        var model = ChartStyle.Model($"{results.Experiment}: {title} ({results.EvaluatedOn} samples)", legend: results.Outputs > 1 || referenceTitle is not null);
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Bottom, xTitle));
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Left, yTitle));
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int j = 0; j < results.Outputs; j++)
        {
            var points = new ScatterSeries { Title = $"output {j}", MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = OxyColor.FromAColor(160, ChartStyle.ClassColor(j)) };
            for (int i = 0; i < results.Samples; i++)
            {
                var (x, y) = point(results.Targets[i * results.Outputs + j], results.Predictions[i * results.Outputs + j]);
                if (!double.IsFinite(x) || !double.IsFinite(y)) continue;
                points.Points.Add(new ScatterPoint(x, y));
                low = Math.Min(low, x);
                high = Math.Max(high, x);
            }
            model.Series.Add(points);
        }
        if (low <= high)
        {
            var line = new LineSeries { Title = referenceTitle, Color = OxyColors.Black, LineStyle = LineStyle.Dash, StrokeThickness = 1 };
            line.Points.AddRange(reference(low, high));
            model.Series.Add(line);
        }
        return model;
    }
}
