using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;
using NeuralNet.Losses;

namespace NeuralNet.Nn.Losses;

/// <summary>Options of <see cref="CategoricalCrossEntropy"/>.</summary>
[ComponentOptions]
public sealed class CategoricalCrossEntropyOptions
{
    /// <summary>
    /// Label smoothing s in [0, 1], PyTorch's <c>label_smoothing</c>: targets become (1 − s)·t + s/C for C classes.
    /// Default 0 (none).
    /// </summary>
    [Range(0d, 1d, ErrorMessage = "{0} must be a number in [0, 1].")]
    public float LabelSmoothing { get; set; }

    /// <summary>
    /// Per-class weights: <c>"balanced"</c> (scikit-learn's, from the training split) or by class name
    /// (<c>{ "setosa": 2 }</c>, others 1). The loss becomes −(1/B)·Σ w_c·t'_c·ln p_c (PyTorch's
    /// <c>CrossEntropyLoss(weight)</c> with probability targets: divided by the batch, not by Σ w). Default none.
    /// </summary>
    public ClassWeights? ClassWeights { get; set; }
}
