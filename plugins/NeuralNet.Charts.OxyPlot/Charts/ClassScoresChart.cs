using global::OxyPlot;
using global::OxyPlot.Axes;
using global::OxyPlot.Series;
using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary><c>class_scores</c>: precision, recall and F1 of every class (or label) as grouped bars, support in the class labels.</summary>
[Component("class_scores", Aliases = ["per_class"], Description = "Per-class precision, recall and F1 bars.")]
public sealed class ClassScoresChart : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs) => task is PredictionTask.Classification or PredictionTask.MultiLabel;

    public void Draw(RunResults results, ChartOutput output)
    {
        ClassReport report = results.Classes ?? throw new InvalidOperationException("The run results carry no per-class report.");
        int height = Math.Max(output.Height, 120 + 60 * report.Classes);
        ChartFiles.Save(Build(results.Experiment, report), output, "class_scores", output.Width, height);
    }

    internal static PlotModel Build(string experiment, ClassReport report)
    {
        var model = ChartStyle.Model($"{experiment}: per-class scores on the evaluated samples");
        model.Legends[0].LegendPlacement = global::OxyPlot.Legends.LegendPlacement.Outside;
        model.Legends[0].LegendPosition = global::OxyPlot.Legends.LegendPosition.BottomCenter;
        model.Legends[0].LegendOrientation = global::OxyPlot.Legends.LegendOrientation.Horizontal;
        var classes = new CategoryAxis { Position = AxisPosition.Left, StartPosition = 1, EndPosition = 0 };
        classes.Labels.AddRange(report.ClassNames.Select((c, i) => $"{c} ({report.Support[i]})"));
        model.Axes.Add(classes);
        model.Axes.Add(ChartStyle.Linear(AxisPosition.Bottom, "Score", 0, 1.05));
        string[] names = ["precision", "recall", "F1"];
        double[][] values = [report.Precision, report.Recall, report.F1];
        for (int s = 0; s < 3; s++)
        {
            var bars = new BarSeries { Title = names[s], FillColor = ChartStyle.ClassColor(s), LabelFormatString = report.Classes <= 12 ? "{0:0.00}" : null, LabelPlacement = LabelPlacement.Inside };
            bars.Items.AddRange(values[s].Select(v => new BarItem(v)));
            model.Series.Add(bars);
        }
        return model;
    }
}
