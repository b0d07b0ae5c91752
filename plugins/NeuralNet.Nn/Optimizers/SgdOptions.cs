using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Optimizers;

/// <summary>Options of <see cref="Sgd"/> (PyTorch's <c>torch.optim.SGD</c> with dampening 0).</summary>
[ComponentOptions]
public sealed class SgdOptions : IValidatableObject
{
    /// <summary>Step size. Default 0.01.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float LearningRate { get; set; } = 0.01f;

    /// <summary>Momentum factor μ in [0, 1); 0 is plain SGD. Default 0.</summary>
    [Range(0d, 1d, MaximumIsExclusive = true, ErrorMessage = "{0} must be in [0, 1).")]
    public float Momentum { get; set; }

    /// <summary>Nesterov momentum (needs Momentum &gt; 0). Default false.</summary>
    public bool Nesterov { get; set; }

    /// <summary>L2 penalty λ added to the gradient as λw, for weights only (parameters marked Regularize, not biases). Default 0.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public float WeightDecay { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Nesterov && Momentum <= 0)
            yield return new ValidationResult("Nesterov momentum needs Momentum > 0.", [nameof(Nesterov)]);
    }
}
