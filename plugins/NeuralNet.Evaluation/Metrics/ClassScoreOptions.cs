using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>Options of the per-class scores <see cref="Precision"/>, <see cref="Recall"/> and <see cref="F1Score"/>.</summary>
[ComponentOptions]
public sealed class ClassScoreOptions
{
    /// <summary>
    /// How the per-class scores are combined, as scikit-learn's <c>average=</c>: <c>macro</c> (default; unweighted
    /// mean over the classes seen in targets or predictions), <c>micro</c> (from the summed counts), <c>weighted</c>
    /// (by each class's support) or <c>binary</c> (class 1 of a two-class problem: one sigmoid column or two columns).
    /// </summary>
    [Required]
    [RegularExpression("(?i)^(macro|micro|weighted|binary)$", ErrorMessage = "Average must be macro, micro, weighted or binary.")]
    public string Average { get; set; } = "macro";

    /// <summary>
    /// Single-column (sigmoid) predictions count as class 1 from this probability up. Default 0.5. Ignored for
    /// multi-column predictions, which use the argmax.
    /// </summary>
    [Range(0.0, 1.0)]
    public float Threshold { get; set; } = 0.5f;
}
