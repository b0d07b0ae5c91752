using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Losses;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Losses;

/// <summary>
/// Categorical cross-entropy for targets that are one-hot (or probability) rows over a sample's classes.
/// </summary>
/// <remarks>
/// From probabilities p: L = −(1/B)·Σ_b Σ_c t·ln q with q = clamp(p, 1e-7, 1 − 1e-7) as in Keras (p is not
/// renormalised); ∂L/∂p = −t/p/B inside the clamp and 0 where it holds p.
/// When the network ends in <c>softmax</c> the engine fuses it: from logits z, L = (1/B)·Σ_b Σ_c t·(lse(z) − z)
/// with lse(z) = max z + ln Σ e^(z − max z) (PyTorch's <c>CrossEntropyLoss</c> with probability targets), and
/// ∂L/∂z = (softmax(z)·Σ_c t − t)/B, which is (softmax(z) − t)/B for one-hot targets.
/// B is the batch size; each sample, of any shape, is one flat row of classes. Predictions (or logits), targets
/// and gradient hold the same number of samples of the same size.
/// With <see cref="CategoricalCrossEntropyOptions.LabelSmoothing"/> s, both forms use t' = (1 − s)·t + s/C in place of t,
/// as PyTorch's <c>CrossEntropyLoss(label_smoothing=s)</c>.
/// </remarks>
[Component("categorical_crossentropy", Aliases = ["cce", "crossentropy"], Description = "Categorical cross-entropy over one-hot targets, optional LabelSmoothing; fused with a final softmax as log-sum-exp.")]
public sealed class CategoricalCrossEntropy(CategoricalCrossEntropyOptions options) : IFusedLoss
{
    private readonly float _smoothing = options.LabelSmoothing;

    public string FusedActivation => "softmax";

    public float Forward(Tensor predictions, Tensor targets)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        return LossKernels.CategoricalCrossEntropy(predictions.ReadOnlySpan, targets.ReadOnlySpan, predictions.SampleSize, smoothing: _smoothing);
    }

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        TensorChecks.SameSize(predictions, gradient, nameof(predictions), nameof(gradient));
        LossKernels.CategoricalCrossEntropyGradient(predictions.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span, predictions.SampleSize, smoothing: _smoothing);
    }

    public float ForwardFromLogits(Tensor logits, Tensor targets)
    {
        TensorChecks.SameSize(logits, targets, nameof(logits), nameof(targets));
        return LossKernels.CategoricalCrossEntropyWithLogits(logits.ReadOnlySpan, targets.ReadOnlySpan, logits.SampleSize, _smoothing);
    }

    public void BackwardFromLogits(Tensor logits, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(logits, targets, nameof(logits), nameof(targets));
        TensorChecks.SameSize(logits, gradient, nameof(logits), nameof(gradient));
        LossKernels.CategoricalCrossEntropyWithLogitsGradient(logits.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span, logits.SampleSize, _smoothing);
    }
}
