using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Activations;

/// <summary>Options of <see cref="LeakyRelu"/>.</summary>
[ComponentOptions]
public sealed class LeakyReluOptions
{
    /// <summary>Slope for negative inputs. Default 0.01 (PyTorch's negative_slope).</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{0} must be a finite number ≥ 0.")]
    public float Alpha { get; set; } = 0.01f;
}
