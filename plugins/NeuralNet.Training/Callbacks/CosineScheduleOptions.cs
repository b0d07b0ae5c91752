using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Training.Callbacks;

/// <summary>Options of <see cref="CosineSchedule"/> (PyTorch's <c>CosineAnnealingLR</c>, after an optional <c>LinearLR</c> warm-up).</summary>
[ComponentOptions]
public sealed class CosineScheduleOptions
{
    /// <summary>Epochs of the cosine half-period (PyTorch's <c>T_max</c>); 0 uses the training epochs after warm-up. Default 0.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "{0} must be an integer ≥ 0.")]
    public int Period { get; set; }

    /// <summary>The rate the cosine ends at (<c>eta_min</c>). Default 0.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public double MinLearningRate { get; set; }

    /// <summary>Epochs of linear warm-up before the cosine. Default 0.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "{0} must be an integer ≥ 0.")]
    public int WarmupEpochs { get; set; }

    /// <summary>The warm-up's first rate as a fraction of the base rate (<c>LinearLR</c>'s <c>start_factor</c>), in (0, 1]. Default 1/3.</summary>
    [Range(0d, 1d, MinimumIsExclusive = true, ErrorMessage = "{0} must be in (0, 1].")]
    public double WarmupStartFactor { get; set; } = 1.0 / 3;
}
