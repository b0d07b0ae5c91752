using NeuralNet.Components;
using NeuralNet.Losses;

namespace NeuralNet.Nn.Losses;

/// <summary>Options of <see cref="SparseCategoricalCrossEntropy"/>.</summary>
[ComponentOptions]
public sealed class SparseCategoricalCrossEntropyOptions
{
    /// <summary>
    /// Per-class weights: <c>"balanced"</c> (scikit-learn's, from the training split) or by class name
    /// (<c>{ "setosa": 2 }</c>, others 1). The loss becomes −(1/B)·Σ_b w[k_b]·ln p[b, k_b]: divided by the batch, as
    /// <c>categorical_crossentropy</c> with the same weights (and Keras), not by Σ w[k_b] as PyTorch's
    /// <c>CrossEntropyLoss(weight)</c> with index targets. Default none.
    /// </summary>
    public ClassWeights? ClassWeights { get; set; }
}
