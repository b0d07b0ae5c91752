using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.DataSources;

/// <summary>Options of <see cref="SineDataSource"/>.</summary>
[ComponentOptions]
public sealed class SineDataSourceOptions : IValidatableObject
{
    /// <summary>Number of points. Default 500.</summary>
    [Range(2, 50_000_000)]
    public int Samples { get; set; } = 500;

    /// <summary>Standard deviation of the Gaussian noise added to sin(x). Default 0.1.</summary>
    [Range(0.0, 100.0)]
    public float Noise { get; set; } = 0.1f;

    /// <summary>Smallest x. Default −π (−3.14159).</summary>
    [Range(-1e6, 1e6)]
    public float Min { get; set; } = -MathF.PI;

    /// <summary>Largest x. Default π.</summary>
    [Range(-1e6, 1e6)]
    public float Max { get; set; } = MathF.PI;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!(Min < Max))
            yield return new ValidationResult($"Min ({Min}) must be below Max ({Max}).", [nameof(Max)]);
    }
}
