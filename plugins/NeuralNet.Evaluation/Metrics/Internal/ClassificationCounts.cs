using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics.Internal;

/// <summary>
/// The counting math shared by the classification metrics: the class of a row, correct counts, a confusion matrix
/// accumulated from a batch, and precision / recall / F1 reduced from it with scikit-learn's averaging rules.
/// </summary>
/// <remarks>
/// A row of width C &gt;= 2 is one-hot (targets) or class scores (predictions): its class is the first index of the
/// largest value, as numpy's <c>argmax</c>. A row of width 1 is binary: the target is positive when &gt;= 0.5, the
/// prediction when &gt;= the metric's threshold; such a problem has two classes (0 and 1).
/// The confusion matrix is row-major <c>[true class, predicted class]</c>.
/// </remarks>
internal static class ClassificationCounts
{
    /// <summary>A single-column target counts as positive from this value up.</summary>
    public const float TargetThreshold = 0.5f;

    /// <summary>Number of classes for rows of <paramref name="width"/> values: 2 for a single column, else the width.</summary>
    public static int ClassCount(int width) => width == 1 ? 2 : width;

    /// <summary>The first index of the largest value (a NaN counts as largest, as in numpy).</summary>
    public static int ArgMax(ReadOnlySpan<float> row) => TensorPrimitives.IndexOfMax(row);

    /// <summary>The predicted class of one row.</summary>
    public static int PredictedClass(ReadOnlySpan<float> row, float threshold)
        => row.Length == 1 ? (row[0] >= threshold ? 1 : 0) : ArgMax(row);

    /// <summary>The true class of one target row.</summary>
    public static int TrueClass(ReadOnlySpan<float> row)
        => row.Length == 1 ? (row[0] >= TargetThreshold ? 1 : 0) : ArgMax(row);

    /// <summary>How many rows of the batch are classified correctly.</summary>
    public static long CountCorrect(Tensor predictions, Tensor targets, float threshold)
    {
        BatchShapes.EnsureMatch(predictions, targets);
        int width = targets.SampleSize;
        ReadOnlySpan<float> p = predictions.ReadOnlySpan;
        ReadOnlySpan<float> t = targets.ReadOnlySpan;
        long correct = 0;
        for (int offset = 0; offset < t.Length; offset += width)
        {
            if (PredictedClass(p.Slice(offset, width), threshold) == TrueClass(t.Slice(offset, width)))
                correct++;
        }
        return correct;
    }

    /// <summary>Adds the batch's rows to <paramref name="confusion"/> (<c>[true, predicted]</c>, ClassCount(width)² cells).</summary>
    public static void AccumulateConfusion(Tensor predictions, Tensor targets, float threshold, Span<long> confusion)
    {
        BatchShapes.EnsureMatch(predictions, targets);
        int width = targets.SampleSize;
        int classes = ClassCount(width);
        if (confusion.Length != classes * classes)
            throw new ArgumentException($"A confusion matrix for {classes} classes needs {classes * classes} cells, got {confusion.Length}.", nameof(confusion));
        ReadOnlySpan<float> p = predictions.ReadOnlySpan;
        ReadOnlySpan<float> t = targets.ReadOnlySpan;
        for (int offset = 0; offset < t.Length; offset += width)
        {
            int actual = TrueClass(t.Slice(offset, width));
            int predicted = PredictedClass(p.Slice(offset, width), threshold);
            confusion[actual * classes + predicted]++;
        }
    }

    /// <summary>
    /// Precision, recall or F1 from a confusion matrix, averaged as scikit-learn does with its default
    /// <c>zero_division="warn"</c>: a score whose denominator is 0 counts as 0.
    /// </summary>
    /// <remarks>
    /// Per class c: tp = M[c,c], fp = column sum − tp, fn = row sum − tp, support = row sum.
    /// <list type="bullet">
    /// <item>macro: unweighted mean over the classes that occur in the targets or the predictions (scikit-learn's
    /// <c>unique_labels(y_true, y_pred)</c> when no <c>labels=</c> is given); a class never seen either way is left out.</item>
    /// <item>weighted: Σ support_c · score_c / Σ support_c.</item>
    /// <item>micro: the score of the summed tp, fp, fn (for single-label data all three equal the accuracy).</item>
    /// <item>binary: the score of class 1; needs exactly two classes.</item>
    /// </list>
    /// F1 is 2tp / (2tp + fp + fn), which equals 2PR / (P + R) and is 0 when tp is 0.
    /// Returns NaN when the matrix is empty (no samples).
    /// </remarks>
    public static double Score(ReadOnlySpan<long> confusion, int classes, ClassScore score, ClassAverage average)
    {
        if (confusion.Length != classes * classes)
            throw new ArgumentException($"A confusion matrix for {classes} classes needs {classes * classes} cells, got {confusion.Length}.", nameof(confusion));
        if (average == ClassAverage.Binary && classes != 2)
            throw new ArgumentException($"Average 'binary' needs two classes, not {classes}; use macro, micro or weighted.", nameof(average));

        long total = 0, truePositives = 0;
        for (int c = 0; c < classes; c++)
        {
            truePositives += confusion[c * classes + c];
            for (int k = 0; k < classes; k++) total += confusion[c * classes + k];
        }
        if (total == 0) return double.NaN;

        switch (average)
        {
            case ClassAverage.Micro:
                // Every sample is one false positive (for its predicted class) and one false negative (for its true
                // class) unless it is correct, so Σfp = Σfn = total − Σtp.
                long errors = total - truePositives;
                return PerClass(score, truePositives, errors, errors);
            case ClassAverage.Binary:
                Counts(confusion, classes, 1, out long tp, out long fp, out long fn);
                return PerClass(score, tp, fp, fn);
            case ClassAverage.Macro:
            {
                double sum = 0;
                int present = 0;
                for (int c = 0; c < classes; c++)
                {
                    Counts(confusion, classes, c, out tp, out fp, out fn);
                    if (tp + fp + fn == 0) continue;
                    sum += PerClass(score, tp, fp, fn);
                    present++;
                }
                return sum / present;
            }
            case ClassAverage.Weighted:
            {
                double sum = 0;
                for (int c = 0; c < classes; c++)
                {
                    Counts(confusion, classes, c, out tp, out fp, out fn);
                    long support = tp + fn;
                    if (support > 0) sum += support * PerClass(score, tp, fp, fn);
                }
                return sum / total;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(average), average, "Unknown average.");
        }
    }

    /// <summary>Parses an <c>Average</c> option: macro, micro, weighted or binary (any case).</summary>
    public static ClassAverage ParseAverage(string text) => text.Trim().ToLowerInvariant() switch
    {
        "macro" => ClassAverage.Macro,
        "micro" => ClassAverage.Micro,
        "weighted" => ClassAverage.Weighted,
        "binary" => ClassAverage.Binary,
        _ => throw new ArgumentException($"Average must be macro, micro, weighted or binary, not '{text}'.", nameof(text)),
    };

    private static void Counts(ReadOnlySpan<long> confusion, int classes, int c, out long tp, out long fp, out long fn)
    {
        tp = confusion[c * classes + c];
        long predicted = 0, actual = 0;
        for (int k = 0; k < classes; k++)
        {
            predicted += confusion[k * classes + c];
            actual += confusion[c * classes + k];
        }
        fp = predicted - tp;
        fn = actual - tp;
    }

    public static double PerClass(ClassScore score, long tp, long fp, long fn) => score switch
    {
        ClassScore.Precision => Ratio(tp, tp + fp),
        ClassScore.Recall => Ratio(tp, tp + fn),
        ClassScore.F1 => Ratio(2 * tp, 2 * tp + fp + fn),
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, "Unknown score."),
    };

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0.0 : (double)numerator / denominator;
}
