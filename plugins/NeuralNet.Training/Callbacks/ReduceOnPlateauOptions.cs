using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Training.Callbacks;

/// <summary>Options of <see cref="ReduceOnPlateau"/> (PyTorch's <c>ReduceLROnPlateau</c>, same names and defaults).</summary>
[ComponentOptions]
public sealed class ReduceOnPlateauOptions
{
    /// <summary>The value watched (see early_stopping). Default val_loss.</summary>
    [Required]
    public string Monitor { get; set; } = "val_loss";

    /// <summary><c>auto</c>, <c>min</c> or <c>max</c>. Default auto.</summary>
    public string Mode { get; set; } = "auto";

    /// <summary>Factor the rate is multiplied by, in (0, 1). Default 0.1.</summary>
    [Range(0d, 1d, MinimumIsExclusive = true, MaximumIsExclusive = true, ErrorMessage = "{0} must be in (0, 1).")]
    public double Factor { get; set; } = 0.1;

    /// <summary>Epochs without improvement tolerated before reducing. Default 10.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "{0} must be an integer ≥ 0.")]
    public int Patience { get; set; } = 10;

    /// <summary>How much better counts as better: relative (<c>rel</c>: by Threshold × best) or absolute (<c>abs</c>). Default 1e-4.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public double Threshold { get; set; } = 1e-4;

    /// <summary><c>rel</c> or <c>abs</c>. Default rel.</summary>
    public string ThresholdMode { get; set; } = "rel";

    /// <summary>Epochs to wait after a reduction before counting again. Default 0.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "{0} must be an integer ≥ 0.")]
    public int Cooldown { get; set; }

    /// <summary>The rate never goes below this. Default 0.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public double MinLearningRate { get; set; }
}
