using global::OxyPlot;
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
        => RegressionScatter.Build(results, "predicted vs actual", "Actual", "Predicted",
            (actual, predicted) => (actual, predicted), (low, high) => [new DataPoint(low, low), new DataPoint(high, high)], "y = x");
}
