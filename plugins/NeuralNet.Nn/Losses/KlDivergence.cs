using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Losses;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Losses;

/// <summary>
/// Kullback-Leibler divergence KL(t ‖ q) of the model's distribution q from the target distribution t, as PyTorch's
/// <c>kl_div(log q, t, reduction='batchmean')</c>: the predictions are <b>log-probabilities</b> (end the model in
/// <c>log_softmax</c>), the targets probabilities (one-hot or soft rows); L = (1/B)·Σ t·(ln t − log q) over elements
/// with t &gt; 0 (0·ln 0 = 0), ∂L/∂(log q) = −t/B. B is the batch size; each sample is one flat row.
/// </summary>
[Component("kl_divergence", Aliases = ["kld", "kullback_leibler_divergence"], Description = "KL divergence from log-probability predictions (log_softmax) to probability targets.")]
public sealed class KlDivergence : ILoss
{
    public float Forward(Tensor predictions, Tensor targets)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        return LossKernels.KlDivergence(predictions.ReadOnlySpan, targets.ReadOnlySpan, predictions.SampleSize);
    }

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        TensorChecks.SameSize(predictions, gradient, nameof(predictions), nameof(gradient));
        LossKernels.KlDivergenceGradient(predictions.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span, predictions.SampleSize);
    }
}
