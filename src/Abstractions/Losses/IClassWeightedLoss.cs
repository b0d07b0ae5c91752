namespace NeuralNet.Losses;

/// <summary>
/// A loss that weights each class (its option <see cref="ClassWeights"/>): the engine resolves that option against
/// the data's classes (names, or the training split's frequencies) and calls <see cref="UseClassWeights"/> before
/// training each split.
/// </summary>
public interface IClassWeightedLoss : ILoss
{
    /// <summary>The configured class weights, or null for none.</summary>
    ClassWeights? ClassWeights { get; }

    /// <summary>One weight per class, in target-column order; called before training, not per batch.</summary>
    void UseClassWeights(ReadOnlySpan<float> weights);
}
