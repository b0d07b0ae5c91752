namespace NeuralNet.Charts;

/// <summary>
/// A classifier's confusion matrix and per-class scores on the evaluated samples, as scikit-learn's
/// <c>confusion_matrix</c> and <c>precision_recall_fscore_support(average=None, zero_division=0)</c>.
/// </summary>
/// <param name="ClassNames">Class names, in class-index order.</param>
/// <param name="Confusion">Counts, row-major <c>[true class, predicted class]</c>, classes² cells; null for multi-label data (each label its own binary problem).</param>
/// <param name="Precision">tp / (tp + fp) per class (0 for a class never predicted).</param>
/// <param name="Recall">tp / (tp + fn) per class (0 for a class that never occurs).</param>
/// <param name="F1">2 tp / (2 tp + fp + fn) per class.</param>
/// <param name="Support">True samples per class.</param>
public sealed record ClassReport(IReadOnlyList<string> ClassNames, long[]? Confusion,
    double[] Precision, double[] Recall, double[] F1, long[] Support)
{
    public int Classes => ClassNames.Count;
}
