using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Losses;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Losses;

/// <summary>
/// Huber loss over every element, as PyTorch's <c>HuberLoss(delta, reduction='mean')</c>: with d = p − t,
/// L = (1/n)·Σ (½d² where |d| &lt; δ, else δ·(|d| − ½δ)), quadratic near the target and linear beyond δ, so outliers
/// pull less than with <c>mse</c>; ∂L/∂p = clamp(d, −δ, δ)/n. Options: <see cref="HuberOptions.Delta"/> (1.0).
/// n = batch x sample size; predictions, targets and gradient hold the same number of samples of the same size.
/// </summary>
[Component("huber", Aliases = ["huber_loss"], Description = "Huber: 0.5 d^2 for |d| < Delta, else Delta (|d| - 0.5 Delta); mean over elements.")]
public sealed class Huber(HuberOptions options) : ILoss
{
    private readonly float _delta = options.Delta;

    public float Forward(Tensor predictions, Tensor targets)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        return LossKernels.Huber(predictions.ReadOnlySpan, targets.ReadOnlySpan, _delta);
    }

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        TensorChecks.SameSize(predictions, gradient, nameof(predictions), nameof(gradient));
        LossKernels.HuberGradient(predictions.ReadOnlySpan, targets.ReadOnlySpan, _delta, gradient.Span);
    }
}
