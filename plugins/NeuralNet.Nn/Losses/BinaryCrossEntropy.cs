using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Losses;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Losses;

/// <summary>
/// Binary cross-entropy over every element, for targets t in [0, 1] (one or more independent yes/no outputs).
/// </summary>
/// <remarks>
/// From probabilities p: L = −(1/n)·Σ [t·ln q + (1 − t)·ln(1 − q)] with q = clamp(p, 1e-7, 1 − 1e-7) as in Keras;
/// ∂L/∂p = (p − t)/(p(1 − p))/n inside the clamp and 0 where it holds p.
/// When the network ends in <c>sigmoid</c> the engine fuses it: from logits z, L = (1/n)·Σ [max(z, 0) − z·t +
/// log1p(e^−|z|)] (PyTorch's <c>BCEWithLogitsLoss</c>), ∂L/∂z = (σ(z) − t)/n, stable for any z.
/// n = batch x sample size. Predictions (or logits), targets and gradient hold the same number of samples of the same size.
/// <para>For two-class data it asks for <b>one</b> output (<see cref="IClassOutputLoss"/>): the probability of the
/// second class, with target 1 for it and 0 for the first; end the model in <c>sigmoid</c>. With more classes each
/// class is its own yes/no output (one-vs-rest on the one-hot rows).</para>
/// <para>Weighted (<see cref="BinaryCrossEntropyOptions.ClassWeights"/>, <see cref="BinaryCrossEntropyOptions.PosWeight"/>
/// pw): each element of column c becomes −[a_c·t·ln q + b_c·(1 − t)·ln(1 − q)], still divided by n (PyTorch's
/// <c>BCEWithLogitsLoss(weight, pos_weight)</c>, a = weight·pos_weight, b = weight). One output for two classes with
/// class weights (w₀, w₁): a = w₁·pw, b = w₀. One output per class or label with weights w_c: a_c = w_c·pw, b_c = w_c.</para>
/// </remarks>
[Component("binary_crossentropy", Aliases = ["bce"], Description = "Binary cross-entropy, optional ClassWeights and PosWeight; fused with a final sigmoid as BCE-with-logits.")]
public sealed class BinaryCrossEntropy(BinaryCrossEntropyOptions options) : IFusedLoss, IClassOutputLoss, IClassWeightedLoss
{
    private readonly float _posWeight = options.PosWeight;
    private float[]? _classWeights;
    private float[] _positive = [], _negative = []; // per-column term weights for the width last used

    public string FusedActivation => "sigmoid";

    public ClassWeights? ClassWeights => options.ClassWeights;

    public void UseClassWeights(ReadOnlySpan<float> weights)
    {
        _classWeights = weights.ToArray();
        _positive = _negative = [];
    }

    public int OutputWidth(int classes) => classes == 2 ? 1 : classes;

    public void EncodeTargets(ReadOnlySpan<float> oneHot, Span<float> targets)
    {
        if (oneHot.Length == 2) targets[0] = oneHot[1];
        else oneHot.CopyTo(targets);
    }

    public float Forward(Tensor predictions, Tensor targets)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        return Weighted(predictions)
            ? LossKernels.WeightedBinaryCrossEntropy(predictions.ReadOnlySpan, targets.ReadOnlySpan, _positive, _negative)
            : LossKernels.BinaryCrossEntropy(predictions.ReadOnlySpan, targets.ReadOnlySpan);
    }

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        TensorChecks.SameSize(predictions, gradient, nameof(predictions), nameof(gradient));
        if (Weighted(predictions))
            LossKernels.WeightedBinaryCrossEntropyGradient(predictions.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span, _positive, _negative);
        else
            LossKernels.BinaryCrossEntropyGradient(predictions.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span);
    }

    public float ForwardFromLogits(Tensor logits, Tensor targets)
    {
        TensorChecks.SameSize(logits, targets, nameof(logits), nameof(targets));
        return Weighted(logits)
            ? LossKernels.WeightedBinaryCrossEntropyWithLogits(logits.ReadOnlySpan, targets.ReadOnlySpan, _positive, _negative)
            : LossKernels.BinaryCrossEntropyWithLogits(logits.ReadOnlySpan, targets.ReadOnlySpan);
    }

    public void BackwardFromLogits(Tensor logits, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(logits, targets, nameof(logits), nameof(targets));
        TensorChecks.SameSize(logits, gradient, nameof(logits), nameof(gradient));
        if (Weighted(logits))
            LossKernels.WeightedBinaryCrossEntropyWithLogitsGradient(logits.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span, _positive, _negative);
        else
            LossKernels.BinaryCrossEntropyWithLogitsGradient(logits.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span);
    }

    /// <summary>
    /// Whether any weight applies; if so, <see cref="_positive"/> and <see cref="_negative"/> hold one term weight per
    /// column of <paramref name="predictions"/> (computed when the width changes, not per batch).
    /// </summary>
    private bool Weighted(Tensor predictions)
    {
        if (_classWeights is null && _posWeight == 1f) return false;
        int columns = predictions.SampleSize;
        if (_positive.Length == columns) return true;
        var positive = new float[columns];
        var negative = new float[columns];
        for (int c = 0; c < columns; c++)
        {
            // One output for two classes: the first class weighs the 0 targets, the second the 1 targets.
            (float pos, float neg) = _classWeights switch
            {
                null => (1f, 1f),
                { Length: 2 } w when columns == 1 => (w[1], w[0]),
                { } w when w.Length == columns => (w[c], w[c]),
                { } w => throw new ArgumentException($"predictions have {columns} columns but {w.Length} class weights were given.", nameof(predictions)),
            };
            positive[c] = pos * _posWeight;
            negative[c] = neg;
        }
        (_positive, _negative) = (positive, negative);
        return true;
    }
}
