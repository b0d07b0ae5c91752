using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Layers;

/// <summary>Options of <see cref="MaxPool2d"/> and <see cref="AvgPool2d"/> (square windows, PyTorch's floor mode).</summary>
[ComponentOptions]
public sealed class Pool2dOptions
{
    /// <summary>Window size on both axes. Default 2.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a whole number ≥ 1.")]
    public int PoolSize { get; set; } = 2;

    /// <summary>Step between windows on both axes. Default null: the pool size (non-overlapping windows).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a whole number ≥ 1 (the step between windows).")]
    public int? Stride { get; set; }

    /// <summary>Pixels of padding on every side, at most half the pool size (as PyTorch). Default 0.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "{0} must be a whole number ≥ 0.")]
    public int Padding { get; set; }
}
