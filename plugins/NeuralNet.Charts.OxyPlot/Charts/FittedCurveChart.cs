using global::OxyPlot;
using global::OxyPlot.Axes;
using global::OxyPlot.Series;
using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary>
/// <c>fitted_curve</c>: for a regression on one input feature with one output, the evaluated samples and the model's
/// prediction over the input range (200 points, 5% margin each side).
/// </summary>
[Component("fitted_curve", Aliases = ["fit"], Description = "Regression on one feature: the data and the fitted curve.")]
public sealed class FittedCurveChart : IChart
{
    /// <summary>Points on the fitted curve.</summary>
    public const int Points = 200;

    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs)
        => task == PredictionTask.Regression && inputShape.Size == 1 && outputs == 1;

    public void Draw(RunResults results, ChartOutput output) => ChartFiles.Save(Build(results), output, "fitted_curve");

    internal static PlotModel Build(RunResults results)
    {
        var model = ChartStyle.Model($"{results.Experiment}: fitted curve ({results.EvaluatedOn} samples)");
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Bottom, results.FeatureNames?.FirstOrDefault() ?? "input"));
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Left, "target"));
        var data = new ScatterSeries { Title = "samples", MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = OxyColor.FromAColor(160, ChartStyle.ClassColor(0)) };
        for (int i = 0; i < results.Samples; i++) data.Points.Add(new ScatterPoint(results.Inputs[i], results.Targets[i]));
        model.Series.Add(data);
        if (results.Samples == 0) return model;

        float low = results.Inputs.Take(results.Samples).Min(), high = results.Inputs.Take(results.Samples).Max();
        float margin = Math.Max(1e-3f, (high - low) * 0.05f);
        low -= margin;
        high += margin;
        var x = new float[Points];
        for (int k = 0; k < Points; k++) x[k] = low + (high - low) * k / (Points - 1);
        float[] y = results.Predict(x, Points);
        var curve = new LineSeries { Title = "model", Color = ChartStyle.ClassColor(3), StrokeThickness = 2 };
        for (int k = 0; k < Points; k++) curve.Points.Add(new DataPoint(x[k], y[k]));
        model.Series.Add(curve);
        return model;
    }
}
