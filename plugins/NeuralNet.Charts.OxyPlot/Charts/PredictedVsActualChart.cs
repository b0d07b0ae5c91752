using global::OxyPlot;
using global::OxyPlot.Axes;
using global::OxyPlot.Series;
using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary>
/// <c>predicted_vs_actual</c>: a regression's predictions against the targets of the evaluated samples, one colour
/// per output, with the identity line y = x where a perfect model would put every point.
/// </summary>
[Component("predicted_vs_actual", Aliases = ["parity"], Description = "Regression: predicted vs actual with the identity line.")]
public sealed class PredictedVsActualChart : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs) => task == PredictionTask.Regression;

    public void Draw(RunResults results, ChartOutput output) => ChartFiles.Save(Build(results), output, "predicted_vs_actual");

    internal static PlotModel Build(RunResults results)
    {
        var model = ChartStyle.Model($"{results.Experiment}: predicted vs actual ({results.EvaluatedOn} samples)", legend: results.Outputs > 1);
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Bottom, "Actual"));
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Left, "Predicted"));
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int j = 0; j < results.Outputs; j++)
        {
            var points = new ScatterSeries { Title = $"output {j}", MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = OxyColor.FromAColor(160, ChartStyle.ClassColor(j)) };
            for (int i = 0; i < results.Samples; i++)
            {
                double actual = results.Targets[i * results.Outputs + j], predicted = results.Predictions[i * results.Outputs + j];
                if (!double.IsFinite(actual) || !double.IsFinite(predicted)) continue;
                points.Points.Add(new ScatterPoint(actual, predicted));
                low = Math.Min(low, Math.Min(actual, predicted));
                high = Math.Max(high, Math.Max(actual, predicted));
            }
            model.Series.Add(points);
        }
        if (low <= high)
        {
            var identity = new LineSeries { Title = "y = x", Color = OxyColors.Black, LineStyle = LineStyle.Dash, StrokeThickness = 1 };
            identity.Points.AddRange([new DataPoint(low, low), new DataPoint(high, high)]);
            model.Series.Add(identity);
        }
        return model;
    }
}
