using global::OxyPlot;
using global::OxyPlot.Axes;
using global::OxyPlot.Series;
using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary>
/// <c>residuals</c>: a regression's residuals (actual − predicted) against its predictions, one colour per output,
/// with the zero line: a pattern (a funnel, a curve) shows what the model misses.
/// </summary>
[Component("residuals", Description = "Regression: residuals (actual - predicted) vs predicted.")]
public sealed class ResidualsChart : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs) => task == PredictionTask.Regression;

    public void Draw(RunResults results, ChartOutput output) => ChartFiles.Save(Build(results), output, "residuals");

    internal static PlotModel Build(RunResults results)
    {
        var model = ChartStyle.Model($"{results.Experiment}: residuals ({results.EvaluatedOn} samples)", legend: results.Outputs > 1);
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Bottom, "Predicted"));
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Left, "Actual − predicted"));
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int j = 0; j < results.Outputs; j++)
        {
            var points = new ScatterSeries { Title = $"output {j}", MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = OxyColor.FromAColor(160, ChartStyle.ClassColor(j)) };
            for (int i = 0; i < results.Samples; i++)
            {
                double predicted = results.Predictions[i * results.Outputs + j];
                double residual = results.Targets[i * results.Outputs + j] - predicted;
                if (!double.IsFinite(residual)) continue;
                points.Points.Add(new ScatterPoint(predicted, residual));
                low = Math.Min(low, predicted);
                high = Math.Max(high, predicted);
            }
            model.Series.Add(points);
        }
        if (low <= high)
        {
            var zero = new LineSeries { Color = OxyColors.Black, LineStyle = LineStyle.Dash, StrokeThickness = 1 };
            zero.Points.AddRange([new DataPoint(low, 0), new DataPoint(high, 0)]);
            model.Series.Add(zero);
        }
        return model;
    }
}
