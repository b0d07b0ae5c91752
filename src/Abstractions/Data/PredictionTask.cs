namespace NeuralNet.Data;

/// <summary>
/// What a model predicts, as the target tensor <c>[N, C]</c> says it: one class per row (one-hot, or one column in
/// {0, 1} for a sigmoid), several labels per row (multi-hot in {0, 1}), or real values. Flags, so a metric or chart
/// can declare every task it fits.
/// </summary>
[Flags]
public enum PredictionTask
{
    /// <summary>One class per sample: one-hot targets (softmax outputs) or one {0, 1} column (sigmoid).</summary>
    Classification = 1,

    /// <summary>Any number of labels per sample: targets <c>[N, L]</c> in {0, 1}, sigmoid outputs thresholded at 0.5.</summary>
    MultiLabel = 2,

    /// <summary>Real-valued targets <c>[N, d]</c>.</summary>
    Regression = 4,

    /// <summary>Every task.</summary>
    Any = Classification | MultiLabel | Regression,
}
