using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;
using NeuralNet.Losses;

namespace NeuralNet.Nn.Losses;

/// <summary>Options of <see cref="BinaryCrossEntropy"/>.</summary>
[ComponentOptions]
public sealed class BinaryCrossEntropyOptions
{
    /// <summary>
    /// Per-class weights: <c>"balanced"</c> (scikit-learn's, from the training split; not for multi-label data) or by
    /// class or label name (<c>{ "sick": 4 }</c>, others 1). With one sigmoid output for two classes, the first class's
    /// weight multiplies the terms of target 0 and the second's those of target 1; with one output per class or label,
    /// each column's terms are multiplied by its weight (PyTorch's <c>weight</c>). Default none.
    /// </summary>
    public ClassWeights? ClassWeights { get; set; }

    /// <summary>
    /// Multiplies the positive (target 1) term of every output, PyTorch's <c>pos_weight</c> given as one number:
    /// above 1 raises recall on rare positives. Default 1; must be &gt; 0.
    /// </summary>
    [Range(0d, 1e30d, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float PosWeight { get; set; } = 1f;
}
