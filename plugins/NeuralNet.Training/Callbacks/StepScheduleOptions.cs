using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Training.Callbacks;

/// <summary>Options of <see cref="StepSchedule"/> (PyTorch's <c>StepLR</c>).</summary>
[ComponentOptions]
public sealed class StepScheduleOptions
{
    /// <summary>Epochs between decays. Default 10.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be an integer ≥ 1.")]
    public int StepSize { get; set; } = 10;

    /// <summary>Factor applied at each decay. Default 0.1.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public double Gamma { get; set; } = 0.1;
}
