using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Layers;

/// <summary>Options of <see cref="Dropout"/>.</summary>
[ComponentOptions]
public sealed class DropoutOptions
{
    /// <summary>Probability p in [0, 1) that an element is zeroed during training; 0 keeps everything. Default 0.5.</summary>
    [Range(0d, 1d, MaximumIsExclusive = true, ErrorMessage = "{0} must be in [0, 1).")]
    public float Rate { get; set; } = 0.5f;
}
