using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Evaluation.Validation;

/// <summary>Options of <see cref="HoldoutValidator"/>.</summary>
[ComponentOptions]
public sealed class HoldoutOptions : IValidatableObject
{
    /// <summary>
    /// Fraction of all samples evaluated every epoch. Default 0.15; in [0, 1): 0 trains on everything but the test
    /// part, with no validation (the report's validation metrics are then empty).
    /// </summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double ValidationFraction { get; set; } = 0.15;

    /// <summary>
    /// Fraction of all samples kept for the final test. Default 0.15; in [0, 1). Ignored (no test part) when the
    /// data set brings its own test set.
    /// </summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double TestFraction { get; set; } = 0.15;

    /// <summary>Shuffle (with the experiment's seed) before splitting. Default true; false keeps index order.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>Keep each class's proportion in every part when the data has class labels. Default true.</summary>
    public bool Stratify { get; set; } = true;

    /// <summary>Validation and test together must leave samples to train on.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ValidationFraction + TestFraction >= 1.0)
        {
            yield return new ValidationResult(
                $"ValidationFraction ({ValidationFraction}) + TestFraction ({TestFraction}) must be below 1 to leave samples for training.",
                [nameof(ValidationFraction), nameof(TestFraction)]);
        }
    }
}
