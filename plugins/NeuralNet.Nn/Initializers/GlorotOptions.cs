using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Initializers;

/// <summary>Options of <see cref="GlorotUniform"/> and <see cref="GlorotNormal"/>, as PyTorch's <c>xavier_*_(gain)</c>.</summary>
[ComponentOptions]
public sealed class GlorotOptions
{
    /// <summary>Gain g: the standard deviation is g·√(2/(fanIn + fanOut)). Default 1; PyTorch's <c>calculate_gain('tanh')</c> is 5/3.</summary>
    [Range(0d, 1e6d, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float Gain { get; set; } = 1f;
}
