using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Activations;

/// <summary>Options of <see cref="PRelu"/>, as PyTorch's <c>nn.PReLU(num_parameters, init)</c>.</summary>
[ComponentOptions]
public sealed class PReluOptions
{
    /// <summary>1 (default): one slope shared by every element; or the number of channels (a sample's first dimension): one slope per channel.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a whole number ≥ 1.")]
    public int NumParameters { get; set; } = 1;

    /// <summary>Initial slope of the negative part. Default 0.25 (PyTorch's).</summary>
    [Range(-1e6d, 1e6d, ErrorMessage = "{0} must be a finite number.")]
    public float Init { get; set; } = 0.25f;
}
