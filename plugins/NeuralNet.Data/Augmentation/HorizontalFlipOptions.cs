using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Augmentation;

/// <summary>Options of <see cref="HorizontalFlip"/>.</summary>
[ComponentOptions]
public sealed class HorizontalFlipOptions
{
    /// <summary>Chance that a sample is mirrored. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public float Probability { get; set; } = 0.5f;
}
