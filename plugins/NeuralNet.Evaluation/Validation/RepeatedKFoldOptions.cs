using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Evaluation.Validation;

/// <summary>Options of <see cref="RepeatedKFoldValidator"/>: k-fold's, and how many times to repeat it.</summary>
[ComponentOptions]
public sealed class RepeatedKFoldOptions : KFoldOptions, IValidatableObject
{
    /// <summary>How many times k-fold runs, each time with folds dealt from its own seed. Default 3; at least 1.</summary>
    [Range(1, 1000)]
    public int Repeats { get; set; } = 3;

    /// <summary>Repeats of unshuffled folds would all be the same folds.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Shuffle && Repeats > 1)
            yield return new ValidationResult($"Shuffle false would deal the same folds in each of the {Repeats} repeats; use kfold.", [nameof(Shuffle)]);
    }
}
