using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Initializers;

/// <summary>Options of <see cref="RandomUniform"/>.</summary>
[ComponentOptions]
public sealed class RandomUniformOptions : IValidatableObject
{
    /// <summary>Lower bound (inclusive). Default −0.05 (Keras's RandomUniform).</summary>
    [Range(-double.MaxValue, double.MaxValue, ErrorMessage = "{0} must be a finite number.")]
    public float Min { get; set; } = -0.05f;

    /// <summary>Upper bound (exclusive); must exceed <see cref="Min"/>. Default 0.05.</summary>
    [Range(-double.MaxValue, double.MaxValue, ErrorMessage = "{0} must be a finite number.")]
    public float Max { get; set; } = 0.05f;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!(Max > Min))
            yield return new ValidationResult($"Max ({Max}) must be greater than Min ({Min}).", [nameof(Max)]);
    }
}
