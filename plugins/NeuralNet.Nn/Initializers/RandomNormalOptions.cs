using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Initializers;

/// <summary>Options of <see cref="RandomNormal"/>.</summary>
[ComponentOptions]
public sealed class RandomNormalOptions
{
    /// <summary>Mean. Default 0.</summary>
    [Range(-double.MaxValue, double.MaxValue, ErrorMessage = "{0} must be a finite number.")]
    public float Mean { get; set; }

    /// <summary>Standard deviation. Default 0.05 (Keras's RandomNormal).</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public float Std { get; set; } = 0.05f;
}
