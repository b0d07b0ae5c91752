using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Optimizers;

/// <summary>Options of <see cref="Adadelta"/> (PyTorch's <c>torch.optim.Adadelta</c>).</summary>
[ComponentOptions]
public sealed class AdadeltaOptions
{
    /// <summary>Scale of the step. Default 1.0 (PyTorch's).</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float LearningRate { get; set; } = 1f;

    /// <summary>Decay rate ρ of both running averages, in [0, 1]. Default 0.9.</summary>
    [Range(0d, 1d, ErrorMessage = "{0} must be in [0, 1].")]
    public float Rho { get; set; } = 0.9f;

    /// <summary>Added inside both square roots. Default 1e-6.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float Epsilon { get; set; } = 1e-6f;

    /// <summary>L2 penalty λ added to the gradient as λw, for weights only (parameters marked Regularize, not biases). Default 0.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public float WeightDecay { get; set; }
}
