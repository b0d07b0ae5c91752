using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Training.Callbacks;

/// <summary>Options of <see cref="ExponentialSchedule"/> (PyTorch's <c>ExponentialLR</c>).</summary>
[ComponentOptions]
public sealed class ExponentialScheduleOptions
{
    /// <summary>Factor applied every epoch. Default 0.95.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public double Gamma { get; set; } = 0.95;
}
