using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Evaluation.Validation;

/// <summary>Options of <see cref="KFoldValidator"/>.</summary>
[ComponentOptions]
public sealed class KFoldOptions
{
    /// <summary>Number of folds k; each fold is the validation part once. Default 5; at least 2.</summary>
    [Range(2, int.MaxValue)]
    public int Folds { get; set; } = 5;

    /// <summary>Shuffle (with the experiment's seed) before dealing the folds. Default true; false keeps index order.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>Keep each class's proportion in every fold (and the test part) when the data has class labels. Default true.</summary>
    public bool Stratify { get; set; } = true;

    /// <summary>
    /// Fraction of all samples held out first as a test set shared by every fold, the folds covering the rest.
    /// Default 0 (no test part); in [0, 1). Ignored when the data set brings its own test set.
    /// </summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double TestFraction { get; set; }
}
