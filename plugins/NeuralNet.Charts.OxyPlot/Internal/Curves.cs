namespace NeuralNet.Charts.OxyPlot.Internal;

/// <summary>ROC and precision-recall curves of one binary problem, as scikit-learn's <c>roc_curve</c> and <c>precision_recall_curve</c>.</summary>
internal static class Curves
{
    /// <summary>
    /// Points at every distinct threshold, from the highest score down: true and false positives among the samples
    /// scoring at or above it. Null when the samples are all of one class (the curve is undefined).
    /// </summary>
    private static (long[] Tp, long[] Fp, long Positives, long Negatives)? Counts(double[] scores, bool[] positive)
    {
        int n = scores.Length;
        int[] order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();
        long positives = positive.Count(p => p), negatives = n - positives;
        if (positives == 0 || negatives == 0) return null;
        var tp = new List<long>();
        var fp = new List<long>();
        long t = 0, f = 0;
        for (int k = 0; k < n; k++)
        {
            if (positive[order[k]]) t++; else f++;
            if (k == n - 1 || scores[order[k + 1]] != scores[order[k]])
            {
                tp.Add(t);
                fp.Add(f);
            }
        }
        return (tp.ToArray(), fp.ToArray(), positives, negatives);
    }

    /// <summary>False- and true-positive rates from (0, 0) to (1, 1), and the trapezoidal area under them.</summary>
    public static (double[] Fpr, double[] Tpr, double Auc)? Roc(double[] scores, bool[] positive)
    {
        if (Counts(scores, positive) is not var (tp, fp, p, n)) return null;
        double[] fpr = [0, .. fp.Select(v => (double)v / n)];
        double[] tpr = [0, .. tp.Select(v => (double)v / p)];
        double auc = 0;
        for (int k = 1; k < fpr.Length; k++) auc += (fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2;
        return (fpr, tpr, auc);
    }

    /// <summary>
    /// Recall and precision at every threshold (starting at recall 0, precision 1, as scikit-learn) and the average
    /// precision Σ (R_k − R_{k−1}) P_k.
    /// </summary>
    public static (double[] Recall, double[] Precision, double AveragePrecision)? PrecisionRecall(double[] scores, bool[] positive)
    {
        if (Counts(scores, positive) is not var (tp, fp, p, _)) return null;
        double[] recall = [0, .. tp.Select(v => (double)v / p)];
        double[] precision = [1, .. tp.Select((v, k) => (double)v / (v + fp[k]))];
        double ap = 0;
        for (int k = 1; k < recall.Length; k++) ap += (recall[k] - recall[k - 1]) * precision[k];
        return (recall, precision, ap);
    }
}
