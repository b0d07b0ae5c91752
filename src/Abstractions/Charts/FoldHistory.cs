namespace NeuralNet.Charts;

/// <summary>The history of one split: one for holdout, one per fold for k-fold.</summary>
/// <param name="Name">The split's name (<c>holdout</c>, <c>fold-1</c>).</param>
/// <param name="Epochs">Per-epoch values, in order.</param>
public sealed record FoldHistory(string Name, IReadOnlyList<EpochValues> Epochs);
