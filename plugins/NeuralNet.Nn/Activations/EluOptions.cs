using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Activations;

/// <summary>Options of <see cref="Elu"/>.</summary>
[ComponentOptions]
public sealed class EluOptions
{
    /// <summary>Scale of the negative part, which tends to −Alpha. Default 1.0.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public float Alpha { get; set; } = 1f;
}
