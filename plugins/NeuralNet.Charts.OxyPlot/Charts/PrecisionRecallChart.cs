using global::OxyPlot;
using global::OxyPlot.Axes;
using global::OxyPlot.Series;
using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary>
/// <c>precision_recall</c>: precision-recall curves (step-wise) with their average precision, for the same classes as
/// <see cref="RocChart"/>; each class's prevalence, the precision of chance, in its legend entry.
/// </summary>
[Component("precision_recall", Aliases = ["pr", "pr_curve"], Description = "Precision-recall curves with average precision (binary, or one-vs-rest per class).")]
public sealed class PrecisionRecallChart : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs) => task is PredictionTask.Classification or PredictionTask.MultiLabel;

    public void Draw(RunResults results, ChartOutput output) => ChartFiles.Save(Build(results), output, "precision_recall");

    internal static PlotModel Build(RunResults results)
    {
        var model = ChartStyle.Model($"{results.Experiment}: precision-recall ({results.EvaluatedOn} samples)");
        model.Legends[0].LegendPosition = global::OxyPlot.Legends.LegendPosition.LeftBottom;
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Bottom, "Recall", 0, 1));
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Left, "Precision", 0, 1.02));
        RocChart.AddCurves(model, results, c => new StairStepSeries { Color = ChartStyle.ClassColor(c), StrokeThickness = 2, VerticalStrokeThickness = 2 },
            (scores, positive) => Curves.PrecisionRecall(scores, positive) is var (recall, precision, ap)
                ? (recall.Zip(precision, (x, y) => new DataPoint(x, y)), $"AP {ap:0.000}, prevalence {(double)positive.Count(p => p) / positive.Length:0.00}")
                : null);
        return model;
    }
}
