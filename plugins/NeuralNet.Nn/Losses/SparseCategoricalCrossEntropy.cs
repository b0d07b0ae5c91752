using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Losses;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Losses;

/// <summary>
/// Categorical cross-entropy for integer labels: the targets are <b>class indices</b>, one per sample in a
/// <c>[batch, 1]</c> tensor (a float holding 0, 1, …, C − 1), not one-hot rows; the predictions are <c>[batch, C]</c>
/// probabilities (or logits). The same loss as <c>categorical_crossentropy</c> with the one-hot row of each index:
/// from probabilities L = −(1/B)·Σ_b ln clamp(p[b, k_b], 1e-7, 1 − 1e-7); fused with a final <c>softmax</c>,
/// L = (1/B)·Σ_b (lse(z_b) − z[b, k_b]) and ∂L/∂z = (softmax(z) − onehot(k))/B (PyTorch's <c>CrossEntropyLoss</c>
/// with class-index targets). With class weights w (<see cref="SparseCategoricalCrossEntropyOptions.ClassWeights"/>,
/// resolved by the engine) each sample's term is multiplied by w[k_b], still divided by B. A target that is not a
/// whole number in [0, C) is an <see cref="ArgumentException"/> naming its row.
/// </summary>
/// <remarks>
/// It declares <see cref="TargetEncoding.ClassIndex"/>, so in an experiment the engine reads the data's classes as
/// indices for it (one float per sample in each batch instead of C) and the metrics still see one-hot rows; on one-hot
/// rows it trains to exactly the weights <c>categorical_crossentropy</c> does (the fused gradients are bitwise equal).
/// </remarks>
[Component("sparse_categorical_crossentropy", Aliases = ["sparse_cce"], Description = "Categorical cross-entropy with class-index targets [N, 1], optional ClassWeights; fused with a final softmax.")]
public sealed class SparseCategoricalCrossEntropy(SparseCategoricalCrossEntropyOptions options) : IFusedLoss, IClassWeightedLoss
{
    private float[] _classWeights = []; // empty: every class weighs 1

    public string FusedActivation => "softmax";

    public TargetEncoding TargetEncoding => TargetEncoding.ClassIndex;

    public ClassWeights? ClassWeights => options.ClassWeights;

    public void UseClassWeights(ReadOnlySpan<float> weights) => _classWeights = weights.ToArray();

    public float Forward(Tensor predictions, Tensor targets)
    {
        CheckShapes(predictions, targets);
        return LossKernels.SparseCategoricalCrossEntropy(predictions.ReadOnlySpan, targets.ReadOnlySpan, predictions.SampleSize, weights: Weights(predictions));
    }

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
    {
        CheckShapes(predictions, targets);
        LossKernels.SparseCategoricalCrossEntropyGradient(predictions.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span, predictions.SampleSize,
            weights: Weights(predictions));
    }

    public float ForwardFromLogits(Tensor logits, Tensor targets)
    {
        CheckShapes(logits, targets);
        return LossKernels.SparseCategoricalCrossEntropyWithLogits(logits.ReadOnlySpan, targets.ReadOnlySpan, logits.SampleSize, Weights(logits));
    }

    public void BackwardFromLogits(Tensor logits, Tensor targets, Tensor gradient)
    {
        CheckShapes(logits, targets);
        LossKernels.SparseCategoricalCrossEntropyWithLogitsGradient(logits.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span, logits.SampleSize, Weights(logits));
    }

    private ReadOnlySpan<float> Weights(Tensor predictions)
    {
        if (_classWeights.Length != 0 && _classWeights.Length != predictions.SampleSize)
            throw new ArgumentException($"predictions have {predictions.SampleSize} classes but {_classWeights.Length} class weights were given.", nameof(predictions));
        return _classWeights;
    }

    private static void CheckShapes(Tensor predictions, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.BatchSize != predictions.BatchSize || targets.SampleSize != 1)
            throw new ArgumentException(
                $"targets are {targets.ShapeString} but predictions are {predictions.ShapeString}; sparse targets hold one class index per sample: [{predictions.BatchSize}, 1].",
                nameof(targets));
    }
}
