using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Optimizers;

/// <summary>Options of <see cref="AdamW"/> (PyTorch's <c>torch.optim.AdamW</c>, amsgrad off).</summary>
[ComponentOptions]
public sealed class AdamWOptions
{
    /// <summary>Step size. Default 0.001.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float LearningRate { get; set; } = 0.001f;

    /// <summary>Decay rate β₁ of the first moment, in [0, 1). Default 0.9.</summary>
    [Range(0d, 1d, MaximumIsExclusive = true, ErrorMessage = "{0} must be in [0, 1).")]
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Decay rate β₂ of the second moment, in [0, 1). Default 0.999.</summary>
    [Range(0d, 1d, MaximumIsExclusive = true, ErrorMessage = "{0} must be in [0, 1).")]
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Added to the denominator for stability. Default 1e-8.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float Epsilon { get; set; } = 1e-8f;

    /// <summary>Decoupled weight decay λ: w ← w·(1 − lr·λ) before each update, for weights only (parameters marked Regularize, not biases). Default 0.01.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public float WeightDecay { get; set; } = 0.01f;
}
