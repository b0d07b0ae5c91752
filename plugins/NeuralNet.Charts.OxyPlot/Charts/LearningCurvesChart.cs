using global::OxyPlot;
using global::OxyPlot.Axes;
using global::OxyPlot.Series;
using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary>
/// Learning curves: <c>loss</c> and one file per metric (<c>accuracy</c>, <c>f1_macro</c>), train (solid) against
/// validation (dashed) by epoch; one colour per fold for k-fold. The loss axis is logarithmic when the loss spans more
/// than <see cref="LearningCurvesOptions.LogScaleDecades"/> decades (a first-epoch regression loss of 600 no longer
/// flattens the rest). With <see cref="LearningCurvesOptions.Smoothing"/>, the smoothed curve is drawn over a faint
/// raw one. When the learning rate changed during the run (a schedule), <c>learning_rate</c> plots it per epoch.
/// </summary>
[Component("loss", Aliases = ["learning_curves", "history"], Description = "Train vs validation loss and each metric by epoch; learning rate if recorded.")]
public sealed class LearningCurvesChart(LearningCurvesOptions options) : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs) => true;

    public void Draw(RunResults results, ChartOutput output)
    {
        var folds = results.Folds.Where(f => f.Epochs.Count > 0).ToArray();
        if (folds.Length == 0) return;
        IEnumerable<string> metrics = folds[0].Epochs[0].Train.Keys.Where(k => k != "loss").Prepend("loss");
        foreach (string metric in metrics)
            ChartFiles.Save(Build(results, metric), output, metric);
        // Every run records its rate; it is worth a chart only when something changed it (a schedule, a plateau).
        if (folds.SelectMany(f => f.Epochs).Select(e => e.LearningRate).Where(r => r is not null).Distinct().Count() > 1)
            ChartFiles.Save(BuildLearningRate(results), output, "learning_rate");
    }

    /// <summary>The model of one metric's curves.</summary>
    internal PlotModel Build(RunResults results, string metric)
    {
        var model = ChartStyle.Model($"{results.Experiment}: {ChartStyle.MetricTitle(metric).ToLowerInvariant()} by epoch");
        var values = results.Folds.SelectMany(f => f.Epochs).SelectMany(e => new[] { e.Train.GetValueOrDefault(metric, double.NaN), e.Validation.GetValueOrDefault(metric, double.NaN) })
            .Where(double.IsFinite).ToArray();
        bool log = metric == "loss" && values.Length > 0 && values.All(v => v > 0) && Math.Log10(values.Max() / values.Min()) > options.LogScaleDecades;
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Bottom, "Epoch"));
        string title = ChartStyle.MetricTitle(metric);
        model.Axes.Add(log
            ? new LogarithmicAxis { Position = AxisPosition.Left, Title = title + " (log scale)", MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = OxyColor.FromRgb(230, 230, 230) }
            : ChartStyle.Linear(AxisPosition.Left, title));
        bool several = results.Folds.Count > 1;
        for (int f = 0; f < results.Folds.Count; f++)
        {
            FoldHistory fold = results.Folds[f];
            string prefix = several ? fold.Name + " " : "";
            AddCurve(model, fold, e => e.Train, metric, prefix + "train", ChartStyle.ClassColor(several ? f : 0), LineStyle.Solid);
            AddCurve(model, fold, e => e.Validation, metric, prefix + "validation", ChartStyle.ClassColor(several ? f : 1), several ? LineStyle.Dash : LineStyle.Solid);
        }
        return model;
    }

    private void AddCurve(PlotModel model, FoldHistory fold, Func<EpochValues, IReadOnlyDictionary<string, double>> pick, string metric, string title, OxyColor color, LineStyle style)
    {
        var points = fold.Epochs.Select(e => (X: (double)e.Epoch, Y: pick(e).GetValueOrDefault(metric, double.NaN))).Where(p => double.IsFinite(p.Y)).ToArray();
        if (points.Length == 0) return;
        if (options.Smoothing > 0)
        {
            var raw = new LineSeries { Color = OxyColor.FromAColor(70, color), LineStyle = style, StrokeThickness = 1 };
            raw.Points.AddRange(points.Select(p => new DataPoint(p.X, p.Y)));
            model.Series.Add(raw);
            double s = points[0].Y;
            for (int k = 0; k < points.Length; k++)
            {
                s = k == 0 ? points[0].Y : options.Smoothing * s + (1 - options.Smoothing) * points[k].Y;
                points[k].Y = s;
            }
            title += " (smoothed)";
        }
        var line = new LineSeries { Title = title, Color = color, LineStyle = style, StrokeThickness = 2, MarkerType = points.Length == 1 ? MarkerType.Circle : MarkerType.None };
        line.Points.AddRange(points.Select(p => new DataPoint(p.X, p.Y)));
        model.Series.Add(line);
    }

    private static PlotModel BuildLearningRate(RunResults results)
    {
        var model = ChartStyle.Model($"{results.Experiment}: learning rate by epoch", legend: results.Folds.Count > 1);
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Bottom, "Epoch"));
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Left, "Learning rate"));
        for (int f = 0; f < results.Folds.Count; f++)
        {
            var line = new LineSeries { Title = results.Folds[f].Name, Color = ChartStyle.ClassColor(f), StrokeThickness = 2 };
            line.Points.AddRange(results.Folds[f].Epochs.Where(e => e.LearningRate is not null).Select(e => new DataPoint(e.Epoch, e.LearningRate!.Value)));
            model.Series.Add(line);
        }
        return model;
    }
}
