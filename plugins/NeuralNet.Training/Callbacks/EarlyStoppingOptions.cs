using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Training.Callbacks;

/// <summary>Options of <see cref="EarlyStopping"/> (Keras' <c>EarlyStopping</c>).</summary>
[ComponentOptions]
public sealed class EarlyStoppingOptions
{
    /// <summary>The value watched: <c>val_loss</c>, <c>loss</c>, <c>val_</c> + a metric name, or a metric name (training). Default val_loss.</summary>
    [Required]
    public string Monitor { get; set; } = "val_loss";

    /// <summary><c>auto</c> (from the metric: accuracy up, loss down), <c>min</c> or <c>max</c>. Default auto.</summary>
    public string Mode { get; set; } = "auto";

    /// <summary>Epochs without improvement before stopping; 0 stops at the first epoch that does not improve. Default 5.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "{0} must be an integer ≥ 0.")]
    public int Patience { get; set; } = 5;

    /// <summary>The smallest change that counts as an improvement. Default 0.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public double MinDelta { get; set; }

    /// <summary>At the end, put back the weights of the best epoch. Default false.</summary>
    public bool RestoreBest { get; set; }
}
