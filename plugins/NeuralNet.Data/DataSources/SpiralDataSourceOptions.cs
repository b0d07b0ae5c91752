using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.DataSources;

/// <summary>Options of <see cref="SpiralDataSource"/>.</summary>
[ComponentOptions]
public sealed class SpiralDataSourceOptions : IValidatableObject
{
    /// <summary>
    /// Total number of points, over all classes. Default 1500 (500 per class, as in the lesson). When it is not a
    /// multiple of <see cref="Classes"/>, the first <c>Samples % Classes</c> classes get one point more.
    /// </summary>
    [Range(2, 50_000_000)]
    public int Samples { get; set; } = 1500;

    /// <summary>Number of spiral arms, one class each. Default 3. At least 2.</summary>
    [Range(2, 1000)]
    public int Classes { get; set; } = 3;

    /// <summary>Standard deviation of the Gaussian noise added to each point's angle, in radians. Default 0.2.</summary>
    [Range(0.0, 100.0)]
    public float Noise { get; set; } = 0.2f;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Samples < Classes)
            yield return new ValidationResult($"needs at least one point per class: Samples ({Samples}) must be >= Classes ({Classes}).", [nameof(Samples)]);
    }
}
