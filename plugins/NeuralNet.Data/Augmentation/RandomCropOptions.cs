using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Augmentation;

/// <summary>Options of <see cref="RandomCrop"/>.</summary>
[ComponentOptions]
public sealed class RandomCropOptions
{
    /// <summary>Pixels of zero padding on every side before cropping back to the original size. Default 4.</summary>
    [Range(1, 4096)]
    public int Padding { get; set; } = 4;
}
