using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>Options of <see cref="RocAuc"/>.</summary>
[ComponentOptions]
public sealed class RocAucOptions
{
    /// <summary>
    /// How the one-vs-rest areas of more than two classes (or of several labels) are combined, as scikit-learn's
    /// <c>average=</c>: <c>macro</c> (default, unweighted mean) or <c>weighted</c> (by each class's number of
    /// positive samples). Ignored for a binary problem.
    /// </summary>
    [Required]
    [RegularExpression("(?i)^(macro|weighted)$", ErrorMessage = "Average must be macro or weighted.")]
    public string Average { get; set; } = "macro";
}
