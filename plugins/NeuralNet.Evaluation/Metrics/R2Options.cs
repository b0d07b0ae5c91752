using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>Options of <see cref="R2Score"/>.</summary>
[ComponentOptions]
public sealed class R2Options
{
    /// <summary>
    /// One output column (0-based) to score on its own; default none: the uniform average over every output.
    /// Name the metric once per target to report each (<c>r2_target0</c>, <c>r2_target1</c>).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int? Target { get; set; }
}
