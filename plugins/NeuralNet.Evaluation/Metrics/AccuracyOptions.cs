using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>Options of <see cref="Accuracy"/>.</summary>
[ComponentOptions]
public sealed class AccuracyOptions
{
    /// <summary>
    /// Single-column (sigmoid) predictions count as positive from this probability up. Default 0.5. Ignored for
    /// multi-column predictions, which use the argmax.
    /// </summary>
    [Range(0.0, 1.0)]
    public float Threshold { get; set; } = 0.5f;
}
