using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Evaluation.Validation;

/// <summary>Options of <see cref="KFoldValidator"/> (and, with <c>Repeats</c>, of <see cref="RepeatedKFoldValidator"/>).</summary>
/// <remarks>Not sealed: <see cref="RepeatedKFoldOptions"/> is these options plus <c>Repeats</c>, so the two never drift apart.</remarks>
[ComponentOptions]
public class KFoldOptions
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

    /// <summary>
    /// The model the run saves: <c>best</c> (the fold with the lowest validation loss; default), <c>last</c> (the last
    /// fold's), or <c>retrain</c> (a new model trained on every non-test sample, without validation, for the mean over
    /// folds of each fold's best epoch: the one with the lowest validation loss).
    /// </summary>
    [RegularExpression("(?i)^(best|last|retrain)$", ErrorMessage = "{0} must be best, last or retrain.")]
    public string Keep { get; set; } = "best";
}
