using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Activations;

/// <summary>Options of <see cref="Swish"/>.</summary>
[ComponentOptions]
public sealed class SwishOptions
{
    /// <summary>Scale inside the sigmoid: x·σ(Beta·x). Default 1.0 (SiLU); large values approach relu.</summary>
    [Range(-1e6d, 1e6d, ErrorMessage = "{0} must be a finite number.")]
    public float Beta { get; set; } = 1f;
}
