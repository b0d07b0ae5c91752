using System.ComponentModel.DataAnnotations;

namespace NeuralNet.Engine.Configuration;

/// <summary><c>Experiment:Preprocessing</c>.</summary>
public sealed class PreprocessingSettings : IValidatableObject
{
    /// <summary>Feature scaling; statistics come from the training split and are saved with the model. Default Standard.</summary>
    public NormalizationKind Normalize { get; set; } = NormalizationKind.Standard;

    /// <summary>
    /// What one statistic covers: <see cref="NormalizationScope.Feature"/> (each input value on its own, for tables)
    /// or <see cref="NormalizationScope.Channel"/> (all pixels of a channel of [C, H, W] images together). Default
    /// Channel for samples of rank 3, Feature otherwise.
    /// </summary>
    public NormalizationScope? Per { get; set; }

    /// <summary>The interval <see cref="NormalizationKind.MinMax"/> maps each feature into: [low, high]. Default [0, 1].</summary>
    public float[] Range { get; set; } = [0f, 1f];

    /// <summary>What <see cref="NormalizationKind.Scale"/> divides by. Default 255 (8-bit pixels into [0, 1]).</summary>
    public float Divisor { get; set; } = 255f;

    /// <summary>
    /// Regression only: standardise the targets with the training split's mean and std per output, train on those,
    /// and transform predictions back: metrics are in the data's units, losses on the standardised targets. Saved
    /// with the model. Default false.
    /// </summary>
    public bool ScaleTargets { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Range is not [float low, float high] || !float.IsFinite(low) || !float.IsFinite(high) || low >= high)
            yield return new ValidationResult($"expected two finite numbers [low, high] with low < high, got [{string.Join(", ", Range ?? [])}].", [nameof(Range)]);
        if (!float.IsFinite(Divisor) || Divisor == 0)
            yield return new ValidationResult($"expected a finite number other than 0, got {Divisor}.", [nameof(Divisor)]);
    }
}
