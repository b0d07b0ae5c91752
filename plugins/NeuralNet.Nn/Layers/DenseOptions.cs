using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;
using NeuralNet.Initializers;

namespace NeuralNet.Nn.Layers;

/// <summary>Options of <see cref="Dense"/>.</summary>
[ComponentOptions]
public sealed class DenseOptions
{
    /// <summary>
    /// Output width. Null (the default) takes the width of the data's targets, which only the last layer with
    /// parameters knows; every other dense layer must set it.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a whole number ≥ 1.")]
    public int? Units { get; set; }

    /// <summary>Whether to add a bias vector. Default true.</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>Registered initialiser of the kernel, with fan-in = inputs and fan-out = units. Default <c>glorot_uniform</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} must name an initializer.")]
    [ComponentName(typeof(IInitializer))]
    public string KernelInitializer { get; set; } = "glorot_uniform";

    /// <summary>Registered initialiser of the bias. Default <c>zeros</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} must name an initializer.")]
    [ComponentName(typeof(IInitializer))]
    public string BiasInitializer { get; set; } = "zeros";
}
