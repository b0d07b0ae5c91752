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
/// as PyTorch's <c>CrossEntropyLoss(label_smoothing=s)</c>. With class weights w (<see cref="CategoricalCrossEntropyOptions.ClassWeights"/>,
/// resolved by the engine) they use w ⊙ t' (<c>CrossEntropyLoss(weight=w)</c> with probability targets: the mean over the batch).
/// </remarks>
[Component("categorical_crossentropy", Aliases = ["cce", "crossentropy"], Description = "Categorical cross-entropy over one-hot targets, optional LabelSmoothing; fused with a final softmax as log-sum-exp.")]
public sealed class CategoricalCrossEntropy(CategoricalCrossEntropyOptions options) : IFusedLoss, IClassWeightedLoss
{
    private readonly float _smoothing = options.LabelSmoothing;
    private float[]? _classWeights;
    private float[] _weighted = []; // w ⊙ smoothed targets, grown once to the largest batch

    public ClassWeights? ClassWeights => options.ClassWeights;

    public void UseClassWeights(ReadOnlySpan<float> weights) => _classWeights = weights.ToArray();

    public string FusedActivation => "softmax";

    public float Forward(Tensor predictions, Tensor targets)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        ReadOnlySpan<float> t = Effective(targets, out float smoothing);
        return LossKernels.CategoricalCrossEntropy(predictions.ReadOnlySpan, t, predictions.SampleSize, smoothing: smoothing);
    }

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        TensorChecks.SameSize(predictions, gradient, nameof(predictions), nameof(gradient));
        ReadOnlySpan<float> t = Effective(targets, out float smoothing);
        LossKernels.CategoricalCrossEntropyGradient(predictions.ReadOnlySpan, t, gradient.Span, predictions.SampleSize, smoothing: smoothing);
    }

    public float ForwardFromLogits(Tensor logits, Tensor targets)
    {
        TensorChecks.SameSize(logits, targets, nameof(logits), nameof(targets));
        ReadOnlySpan<float> t = Effective(targets, out float smoothing);
        return LossKernels.CategoricalCrossEntropyWithLogits(logits.ReadOnlySpan, t, logits.SampleSize, smoothing);
    }

    public void BackwardFromLogits(Tensor logits, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(logits, targets, nameof(logits), nameof(targets));
        TensorChecks.SameSize(logits, gradient, nameof(logits), nameof(gradient));
        ReadOnlySpan<float> t = Effective(targets, out float smoothing);
        LossKernels.CategoricalCrossEntropyWithLogitsGradient(logits.ReadOnlySpan, t, gradient.Span, logits.SampleSize, smoothing);
    }

    /// <summary>The targets the kernels see: as given (smoothed in the kernel), or class-weighted and smoothed here.</summary>
    private ReadOnlySpan<float> Effective(Tensor targets, out float smoothing)
    {
        smoothing = _smoothing;
        if (_classWeights is null) return targets.ReadOnlySpan;
        if (targets.SampleSize != _classWeights.Length)
            throw new ArgumentException($"targets have {targets.SampleSize} classes but {_classWeights.Length} class weights were given.", nameof(targets));
        if (_weighted.Length < targets.Length) _weighted = new float[targets.Length];
        Span<float> weighted = _weighted.AsSpan(0, targets.Length);
        LossKernels.WeightedTargets(targets.ReadOnlySpan, _classWeights, _smoothing, weighted);
        smoothing = 0f;
        return weighted;
    }
}
