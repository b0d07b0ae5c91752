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
/// </remarks>
[Component("binary_crossentropy", Aliases = ["bce"], Description = "Binary cross-entropy; fused with a final sigmoid as BCE-with-logits.")]
public sealed class BinaryCrossEntropy : IFusedLoss, IClassOutputLoss
{
    public string FusedActivation => "sigmoid";

    public int OutputWidth(int classes) => classes == 2 ? 1 : classes;

    public void EncodeTargets(ReadOnlySpan<float> oneHot, Span<float> targets)
    {
        if (oneHot.Length == 2) targets[0] = oneHot[1];
        else oneHot.CopyTo(targets);
    }

    public float Forward(Tensor predictions, Tensor targets)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        return LossKernels.BinaryCrossEntropy(predictions.ReadOnlySpan, targets.ReadOnlySpan);
    }

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        TensorChecks.SameSize(predictions, gradient, nameof(predictions), nameof(gradient));
        LossKernels.BinaryCrossEntropyGradient(predictions.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span);
    }

    public float ForwardFromLogits(Tensor logits, Tensor targets)
    {
        TensorChecks.SameSize(logits, targets, nameof(logits), nameof(targets));
        return LossKernels.BinaryCrossEntropyWithLogits(logits.ReadOnlySpan, targets.ReadOnlySpan);
    }

    public void BackwardFromLogits(Tensor logits, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(logits, targets, nameof(logits), nameof(targets));
        TensorChecks.SameSize(logits, gradient, nameof(logits), nameof(gradient));
        LossKernels.BinaryCrossEntropyWithLogitsGradient(logits.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span);
    }
}
