using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Initializers;

/// <summary>Options of <see cref="Constant"/>.</summary>
[ComponentOptions]
public sealed class ConstantOptions
{
    /// <summary>The value every element gets. Default 0.</summary>
    [Range(-double.MaxValue, double.MaxValue, ErrorMessage = "{0} must be a finite number.")]
    public float Value { get; set; }
}
