using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>Options of the multi-label scores <see cref="LabelPrecision"/>, <see cref="LabelRecall"/> and <see cref="LabelF1Score"/>.</summary>
[ComponentOptions]
public sealed class LabelScoreOptions
{
    /// <summary>
    /// How the per-label scores are combined, as scikit-learn's <c>average=</c> on a label-indicator matrix:
    /// <c>macro</c> (default; unweighted mean over every label), <c>micro</c> (from the counts summed over labels) or
    /// <c>weighted</c> (by each label's number of positive samples).
    /// </summary>
    [Required]
    [RegularExpression("(?i)^(macro|micro|weighted)$", ErrorMessage = "Average must be macro, micro or weighted.")]
    public string Average { get; set; } = "macro";

    /// <summary>A predicted label is on from this probability up (sigmoid outputs). Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public float Threshold { get; set; } = 0.5f;
}
