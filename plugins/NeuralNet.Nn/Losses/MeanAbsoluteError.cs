using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Losses;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Losses;

/// <summary>
/// Mean absolute error over every element: L = (1/n)·Σ |p − t|, ∂L/∂p = sign(p − t)/n (0 where p = t), with
/// n = batch x sample size (PyTorch's <c>L1Loss(reduction='mean')</c>). Predictions, targets and gradient hold the
/// same number of samples of the same size.
/// </summary>
[Component("mean_absolute_error", Aliases = ["mae"], Description = "Mean of |prediction - target| over all elements.")]
public sealed class MeanAbsoluteError : ILoss
{
    public float Forward(Tensor predictions, Tensor targets)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        return LossKernels.MeanAbsoluteError(predictions.ReadOnlySpan, targets.ReadOnlySpan);
    }

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        TensorChecks.SameSize(predictions, gradient, nameof(predictions), nameof(gradient));
        LossKernels.MeanAbsoluteErrorGradient(predictions.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span);
    }
}
