using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Losses;

/// <summary>Options of <see cref="CategoricalCrossEntropy"/>.</summary>
[ComponentOptions]
public sealed class CategoricalCrossEntropyOptions
{
    /// <summary>
    /// Label smoothing s in [0, 1], PyTorch's <c>label_smoothing</c>: targets become (1 − s)·t + s/C for C classes.
    /// Default 0 (none).
    /// </summary>
    [Range(0d, 1d, ErrorMessage = "{0} must be a number in [0, 1].")]
    public float LabelSmoothing { get; set; }
}
