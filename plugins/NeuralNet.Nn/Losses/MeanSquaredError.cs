using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Losses;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Losses;

/// <summary>
/// Mean squared error over every element: L = (1/n)·Σ (p − t)², ∂L/∂p = 2(p − t)/n, with n = batch x sample size
/// (PyTorch's <c>MSELoss(reduction='mean')</c>). Predictions, targets and gradient hold the same number of samples
/// of the same size.
/// </summary>
[Component("mean_squared_error", Aliases = ["mse"], Description = "Mean of (prediction - target)^2 over all elements.")]
public sealed class MeanSquaredError : ILoss
{
    public float Forward(Tensor predictions, Tensor targets)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        return LossKernels.MeanSquaredError(predictions.ReadOnlySpan, targets.ReadOnlySpan);
    }

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
    {
        TensorChecks.SameSize(predictions, targets, nameof(predictions), nameof(targets));
        TensorChecks.SameSize(predictions, gradient, nameof(predictions), nameof(gradient));
        LossKernels.MeanSquaredErrorGradient(predictions.ReadOnlySpan, targets.ReadOnlySpan, gradient.Span);
    }
}
