namespace NeuralNet.Evaluation.Metrics.Internal;

/// <summary>The area under one column's ROC curve from its ranks (the Mann-Whitney U statistic).</summary>
internal static class RankAuc
{
    /// <summary>
    /// AUC of column <paramref name="column"/> of <paramref name="rows"/> rows of <paramref name="width"/>: the scores
    /// against targets &gt;= 0.5. Scores are ranked ascending, tied scores sharing their mean rank; then
    /// AUC = (Σ ranks of positives − P(P + 1)/2) / (P · N). NaN when P or N is 0.
    /// </summary>
    public static (double Auc, long Positives) Column(float[] scores, float[] targets, int rows, int width, int column)
    {
        var order = new int[rows];
        var keys = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            order[i] = i;
            keys[i] = scores[i * width + column];
        }
        Array.Sort(keys, order);
        double positiveRanks = 0;
        long positives = 0;
        for (int start = 0; start < rows;)
        {
            int end = start + 1;
            while (end < rows && keys[end] == keys[start]) end++;
            double rank = (start + 1 + end) / 2.0; // mean of the 1-based ranks start + 1 .. end
            for (int k = start; k < end; k++)
            {
                if (targets[order[k] * width + column] < ClassificationCounts.TargetThreshold) continue;
                positives++;
                positiveRanks += rank;
            }
            start = end;
        }
        long negatives = rows - positives;
        if (positives == 0 || negatives == 0) return (double.NaN, positives);
        return ((positiveRanks - positives * (positives + 1) / 2.0) / ((double)positives * negatives), positives);
    }
}
