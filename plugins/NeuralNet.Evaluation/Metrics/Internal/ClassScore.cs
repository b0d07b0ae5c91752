namespace NeuralNet.Evaluation.Metrics.Internal;

/// <summary>Which per-class score a confusion matrix is reduced to.</summary>
internal enum ClassScore
{
    /// <summary>tp / (tp + fp).</summary>
    Precision,

    /// <summary>tp / (tp + fn).</summary>
    Recall,

    /// <summary>2 tp / (2 tp + fp + fn), the harmonic mean of precision and recall.</summary>
    F1,
}
