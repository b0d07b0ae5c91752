using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NeuralNet.Charts;
using NeuralNet.Data;
using NeuralNet.Kernels;

namespace NeuralNet.Engine.Pipeline;

/// <summary>
/// The per-class report of a classifier, as scikit-learn's <c>confusion_matrix</c> and
/// <c>precision_recall_fscore_support(average=None, zero_division=0)</c> over every class column; for multi-label
/// data the same per label (each label a binary problem, no confusion matrix). Also its JSON and console forms.
/// </summary>
public static class ClassReports
{
    /// <summary>The report for <paramref name="rows"/> rows of predictions and targets of <paramref name="width"/> columns.</summary>
    /// <remarks>Classification: classes are the argmax (a single column is class 1 from 0.5). Multi-label: a label is on from 0.5.</remarks>
    public static ClassReport Build(PredictionTask task, IReadOnlyList<string> classNames, float[] predictions, float[] targets, int rows, int width)
    {
        if (task == PredictionTask.MultiLabel)
        {
            var tp = new long[width];
            var fp = new long[width];
            var fn = new long[width];
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < width; j++)
                {
                    bool actual = targets[i * width + j] >= 0.5f, predicted = predictions[i * width + j] >= 0.5f;
                    if (actual && predicted) tp[j]++;
                    else if (predicted) fp[j]++;
                    else if (actual) fn[j]++;
                }
            }
            return Scores(classNames, null, tp, fp, fn);
        }

        int classes = width == 1 ? 2 : width;
        var confusion = new long[classes * classes];
        int[] trueClasses = ClassesOf(targets, rows, width), predictedClasses = ClassesOf(predictions, rows, width);
        for (int i = 0; i < rows; i++) confusion[trueClasses[i] * classes + predictedClasses[i]]++;
        var truePositives = new long[classes];
        var falsePositives = new long[classes];
        var falseNegatives = new long[classes];
        for (int c = 0; c < classes; c++)
        {
            truePositives[c] = confusion[c * classes + c];
            for (int k = 0; k < classes; k++)
            {
                if (k == c) continue;
                falsePositives[c] += confusion[k * classes + c];
                falseNegatives[c] += confusion[c * classes + k];
            }
        }
        IReadOnlyList<string> names = classNames.Count == classes ? classNames : [.. Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture))];
        return Scores(names, confusion, truePositives, falsePositives, falseNegatives);
    }

    /// <summary>The report's JSON: <c>classes</c> (name → precision, recall, f1, support) and, for single-label data, <c>confusion_matrix</c>.</summary>
    public static void AddTo(JsonObject report, ClassReport classes, string evaluatedOn)
    {
        var block = new JsonObject();
        for (int c = 0; c < classes.Classes; c++)
        {
            block[classes.ClassNames[c]] = new JsonObject
            {
                ["precision"] = classes.Precision[c],
                ["recall"] = classes.Recall[c],
                ["f1"] = classes.F1[c],
                ["support"] = classes.Support[c],
            };
        }
        report["classes_evaluated_on"] = evaluatedOn;
        report["classes"] = block;
        if (classes.Confusion is { } confusion)
        {
            int n = classes.Classes;
            report["confusion_matrix"] = new JsonObject
            {
                ["rows"] = "true class",
                ["columns"] = "predicted class",
                ["labels"] = new JsonArray(classes.ClassNames.Select(c => (JsonNode)c).ToArray()),
                ["matrix"] = new JsonArray(Enumerable.Range(0, n)
                    .Select(r => (JsonNode)new JsonArray(Enumerable.Range(0, n).Select(k => (JsonNode)confusion[r * n + k]).ToArray())).ToArray()),
            };
        }
    }

    /// <summary>A console table as scikit-learn's <c>classification_report</c>: one row per class, then the macro and weighted averages.</summary>
    public static string Table(ClassReport classes)
    {
        int width = Math.Max(12, classes.ClassNames.Max(c => c.Length));
        var text = new StringBuilder();
        text.AppendLine($"  {"".PadRight(width)}  {"precision",9}  {"recall",9}  {"f1",9}  {"support",9}");
        for (int c = 0; c < classes.Classes; c++)
            Row(classes.ClassNames[c], classes.Precision[c], classes.Recall[c], classes.F1[c], classes.Support[c]);
        long total = classes.Support.Sum();
        Row("macro avg", classes.Precision.Average(), classes.Recall.Average(), classes.F1.Average(), total);
        Row("weighted avg", Weighted(classes.Precision), Weighted(classes.Recall), Weighted(classes.F1), total);
        return text.ToString();

        double Weighted(double[] values) => total == 0 ? 0 : values.Select((v, c) => v * classes.Support[c]).Sum() / total;

        void Row(string name, double precision, double recall, double f1, long support)
            => text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {name.PadRight(width)}  {precision,9:F4}  {recall,9:F4}  {f1,9:F4}  {support,9}"));
    }

    private static int[] ClassesOf(float[] values, int rows, int width)
    {
        var classes = new int[rows];
        if (width == 1)
            for (int i = 0; i < rows; i++) classes[i] = values[i] >= 0.5f ? 1 : 0;
        else
            Rows.ArgMax(values.AsSpan(0, rows * width), rows, width, classes);
        return classes;
    }

    private static ClassReport Scores(IReadOnlyList<string> names, long[]? confusion, long[] tp, long[] fp, long[] fn)
    {
        int n = tp.Length;
        var precision = new double[n];
        var recall = new double[n];
        var f1 = new double[n];
        var support = new long[n];
        for (int c = 0; c < n; c++)
        {
            precision[c] = Ratio(tp[c], tp[c] + fp[c]);
            recall[c] = Ratio(tp[c], tp[c] + fn[c]);
            f1[c] = Ratio(2 * tp[c], 2 * tp[c] + fp[c] + fn[c]);
            support[c] = tp[c] + fn[c];
        }
        return new ClassReport(names, confusion, precision, recall, f1, support);
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0.0 : (double)numerator / denominator;
}
