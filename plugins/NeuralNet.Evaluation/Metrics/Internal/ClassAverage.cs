namespace NeuralNet.Evaluation.Metrics.Internal;

/// <summary>How per-class scores are combined (scikit-learn's <c>average=</c>).</summary>
internal enum ClassAverage
{
    /// <summary>Unweighted mean over the classes that occur in the targets or the predictions.</summary>
    Macro,

    /// <summary>From the summed counts: for single-label classification all three scores equal the accuracy.</summary>
    Micro,

    /// <summary>Mean weighted by each class's support (its number of true samples).</summary>
    Weighted,

    /// <summary>The positive class (class 1) of a two-class problem only.</summary>
    Binary,
}
