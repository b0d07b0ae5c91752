using global::OxyPlot;
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
        => RegressionScatter.Build(results, "residuals", "Predicted", "Actual − predicted",
            (actual, predicted) => (predicted, actual - predicted), (low, high) => [new DataPoint(low, 0), new DataPoint(high, 0)], null);
}
