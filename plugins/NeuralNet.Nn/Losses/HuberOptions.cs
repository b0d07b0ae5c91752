using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Losses;

/// <summary>Options of <see cref="Huber"/>.</summary>
[ComponentOptions]
public sealed class HuberOptions
{
    /// <summary>Where the loss turns from quadratic to linear, in target units. Default 1.0 (PyTorch's); must be &gt; 0.</summary>
    [Range(0d, 1e30d, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float Delta { get; set; } = 1f;
}
