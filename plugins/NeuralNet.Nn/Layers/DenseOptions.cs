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

    /// <summary>
    /// Initialiser of the kernel, a name (<c>"he_normal"</c>) or a section with its options
    /// (<c>{ "Type": "normal", "Std": 0.01 }</c>, <c>{ "Type": "he_uniform", "Mode": "fan_out" }</c>), with fan-in = inputs and fan-out = units. Default (unset): the one the activation right after
    /// the layer prefers (<c>he_uniform</c> after relu and its family, <c>glorot_uniform</c> after sigmoid, tanh and
    /// softmax, <c>lecun_normal</c> after selu), else <c>glorot_uniform</c>.
    /// </summary>
    [ComponentName(typeof(IInitializer))]
    public ComponentReference? KernelInitializer { get; set; }

    /// <summary>Registered initialiser of the bias. Default <c>zeros</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} must name an initializer.")]
    [ComponentName(typeof(IInitializer))]
    public string BiasInitializer { get; set; } = "zeros";
}
