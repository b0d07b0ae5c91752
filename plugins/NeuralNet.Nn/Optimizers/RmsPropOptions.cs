using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Optimizers;

/// <summary>Options of <see cref="RmsProp"/> (PyTorch's <c>torch.optim.RMSprop</c>, not centred).</summary>
[ComponentOptions]
public sealed class RmsPropOptions
{
    /// <summary>Step size. Default 0.01.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float LearningRate { get; set; } = 0.01f;

    /// <summary>Smoothing constant α of the squared-gradient average, in [0, 1]. Default 0.99.</summary>
    [Range(0d, 1d, ErrorMessage = "{0} must be in [0, 1].")]
    public float Alpha { get; set; } = 0.99f;

    /// <summary>Added to the denominator for stability. Default 1e-8.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float Epsilon { get; set; } = 1e-8f;

    /// <summary>Momentum factor μ in [0, 1). Default 0.</summary>
    [Range(0d, 1d, MaximumIsExclusive = true, ErrorMessage = "{0} must be in [0, 1).")]
    public float Momentum { get; set; }

    /// <summary>L2 penalty λ added to the gradient as λw, for weights only (parameters marked Regularize, not biases). Default 0.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public float WeightDecay { get; set; }
}
