using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Optimizers;

/// <summary>Options of <see cref="Adamax"/> (PyTorch's <c>torch.optim.Adamax</c>).</summary>
[ComponentOptions]
public sealed class AdamaxOptions
{
    /// <summary>Step size. Default 0.002 (PyTorch's).</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float LearningRate { get; set; } = 0.002f;

    /// <summary>Decay rate β₁ of the first moment, in [0, 1). Default 0.9.</summary>
    [Range(0d, 1d, MaximumIsExclusive = true, ErrorMessage = "{0} must be in [0, 1).")]
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Decay rate β₂ of the infinity norm, in [0, 1). Default 0.999.</summary>
    [Range(0d, 1d, MaximumIsExclusive = true, ErrorMessage = "{0} must be in [0, 1).")]
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Added to |g| in the infinity norm. Default 1e-8.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float Epsilon { get; set; } = 1e-8f;

    /// <summary>L2 penalty λ added to the gradient as λw, for weights only (parameters marked Regularize, not biases). Default 0.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public float WeightDecay { get; set; }
}
