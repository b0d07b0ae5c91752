using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Optimizers;

/// <summary>Options of <see cref="Adagrad"/> (PyTorch's <c>torch.optim.Adagrad</c>, no learning-rate decay, accumulator starting at 0).</summary>
[ComponentOptions]
public sealed class AdagradOptions
{
    /// <summary>Step size. Default 0.01.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float LearningRate { get; set; } = 0.01f;

    /// <summary>Added to the denominator for stability. Default 1e-10.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float Epsilon { get; set; } = 1e-10f;

    /// <summary>L2 penalty λ added to the gradient as λw, for weights only (parameters marked Regularize, not biases). Default 0.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public float WeightDecay { get; set; }
}
