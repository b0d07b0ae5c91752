using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Losses;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Losses;

/// <summary>
/// Hinge loss over every element, as Keras' <c>hinge</c>: L = (1/n)·Σ max(0, 1 − y·p), with y = +1 where the target is
/// &gt; 0 and −1 elsewhere, so 0/1 targets (one-hot rows, one column per class: one-vs-rest) and −1/+1 targets both
/// work; ∂L/∂p = −y/n where 1 − y·p &gt; 0, else 0. Predictions are raw scores (end the model in <c>linear</c> or
/// <c>tanh</c>). n = batch x sample size; predictions, targets and gradient hold the same number of samples of the same size.
/// </summary>
[Component("hinge", Description = "Hinge: mean of max(0, 1 - y * p), y = +1 for targets > 0 else -1.")]
public sealed class Hinge : ILoss
{
    public float Forward(Tensor predictions, Tensor targets)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        return LossKernels.Hinge(predictions.ReadOnlySpan, targets.ReadOnlySpan);
    }

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        TensorChecks.SameSize(predictions, gradient, nameof(predictions), nameof(gradient));
        LossKernels.HingeGradient(predictions.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span);
    }
}
