using global::OxyPlot;
using global::OxyPlot.Axes;
using global::OxyPlot.Series;
using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary>
/// <c>roc</c>: ROC curves with their area: the positive class of a binary classifier, one-vs-rest per class for more
/// classes, per label for multi-label data; the chance diagonal dashed. A class whose curve is undefined (all
/// evaluated samples on one side) is listed as such.
/// </summary>
[Component("roc", Aliases = ["roc_curve"], Description = "ROC curves with AUC (binary, or one-vs-rest per class).")]
public sealed class RocChart : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs) => task is PredictionTask.Classification or PredictionTask.MultiLabel;

    public void Draw(RunResults results, ChartOutput output) => ChartFiles.Save(Build(results), output, "roc");

    internal static PlotModel Build(RunResults results)
    {
        var model = ChartStyle.Model($"{results.Experiment}: ROC ({results.EvaluatedOn} samples)");
        model.Legends[0].LegendPosition = global::OxyPlot.Legends.LegendPosition.RightBottom;
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Bottom, "False positive rate", 0, 1));
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Left, "True positive rate", 0, 1.02));
        var chance = new LineSeries { Color = OxyColors.Gray, LineStyle = LineStyle.Dash, StrokeThickness = 1 };
        chance.Points.AddRange([new DataPoint(0, 0), new DataPoint(1, 1)]);
        model.Series.Add(chance);
        AddCurves(model, results, c => new LineSeries { Color = ChartStyle.ClassColor(c), StrokeThickness = 2 },
            (scores, positive) => Curves.Roc(scores, positive) is var (fpr, tpr, auc)
                ? (fpr.Zip(tpr, (x, y) => new DataPoint(x, y)), $"AUC {auc:0.000}")
                : null);
        return model;
    }

    /// <summary>
    /// One line per class of <see cref="CurveClasses"/>: <paramref name="curve"/> of its one-vs-rest scores gives the
    /// points and the legend note, or null where undefined (the samples all on one side), which the legend says.
    /// </summary>
    internal static void AddCurves(PlotModel model, RunResults results, Func<int, LineSeries> line,
        Func<double[], bool[], (IEnumerable<DataPoint> Points, string Note)?> curve)
    {
        foreach (var (c, name) in CurveClasses(results))
        {
            var (scores, positive) = Classes.OneVsRest(results, c);
            LineSeries series = line(c);
            if (curve(scores, positive) is var (points, note))
            {
                series.Title = $"{name} ({note})";
                series.Points.AddRange(points);
            }
            else
            {
                series.Title = $"{name} (undefined: one class only)";
            }
            model.Series.Add(series);
        }
    }

    /// <summary>The classes that get a curve: class 1 of a binary problem, else every column.</summary>
    internal static IEnumerable<(int Class, string Name)> CurveClasses(RunResults results)
    {
        string[] names = ChartStyle.ClassNames(results, Classes.Count(results.Outputs));
        if (results.Task == PredictionTask.Classification && names.Length == 2) return [(1, names[1])];
        return names.Select((n, c) => (c, n));
    }
}
