using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;
using NeuralNet.Initializers;

namespace NeuralNet.Nn.Layers;

/// <summary>Options of <see cref="Conv2d"/>.</summary>
[ComponentOptions]
public sealed class Conv2dOptions
{
    /// <summary>Number of filters F (output channels). Required, at least 1.</summary>
    [Required(ErrorMessage = "{0} is required: the number of filters (output channels) of this conv2d layer.")]
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a whole number ≥ 1.")]
    public int? Filters { get; set; }

    /// <summary>Square kernel size KH = KW. Default 3. <see cref="KernelHeight"/> and <see cref="KernelWidth"/> override one side.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a whole number ≥ 1.")]
    public int KernelSize { get; set; } = 3;

    /// <summary>Kernel height KH, overriding <see cref="KernelSize"/>. Default null (= KernelSize).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a whole number ≥ 1.")]
    public int? KernelHeight { get; set; }

    /// <summary>Kernel width KW, overriding <see cref="KernelSize"/>. Default null (= KernelSize).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a whole number ≥ 1.")]
    public int? KernelWidth { get; set; }

    /// <summary>Step between output positions, on both axes. Default 1.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a whole number ≥ 1 (the step between output positions).")]
    public int Stride { get; set; } = 1;

    /// <summary>
    /// Zero padding: <c>valid</c> (default, none), <c>same</c> (output ceil(H / stride) x ceil(W / stride); an even
    /// kernel pads one more pixel at the bottom and right) or a whole number of pixels added on every side.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} must be valid, same or a whole number of pixels.")]
    public string Padding { get; set; } = "valid";

    /// <summary>Spacing between kernel taps, on both axes (1 = adjacent). Default 1.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a whole number ≥ 1.")]
    public int Dilation { get; set; } = 1;

    /// <summary>
    /// <c>tied</c> (default: one bias per filter, [F]), <c>untied</c> (one per filter and output position,
    /// [F, OH, OW]) or <c>none</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} must be tied, untied or none.")]
    [RegularExpression("(?i)tied|untied|none", ErrorMessage = "{0} must be tied, untied or none.")]
    public string Bias { get; set; } = "tied";

    /// <summary>
    /// How the convolution is computed: <c>auto</c> (default: <c>winograd</c> where it is faster, that is a 3x3 kernel
    /// with stride 1 and dilation 1, at least 16 input channels and filters, on a CPU with 512-bit vectors; else
    /// <c>im2col</c>), <c>im2col</c> (GEMMs over unfolded patches; every geometry) or <c>winograd</c> (Winograd's
    /// F(2x2, 3x3), 16 multiplies per 2x2 outputs and channel instead of 36; 3x3 kernels with stride 1 and dilation 1
    /// only). The two agree up to float rounding; the saved model does not depend on the choice.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} must be auto, im2col or winograd.")]
    [RegularExpression("(?i)auto|im2col|winograd", ErrorMessage = "{0} must be auto, im2col or winograd.")]
    public string Algorithm { get; set; } = "auto";

    /// <summary>
    /// Initialiser of the kernel, a name (<c>"he_normal"</c>) or a section with its options
    /// (<c>{ "Type": "normal", "Std": 0.01 }</c>, <c>{ "Type": "he_uniform", "Mode": "fan_out" }</c>), with fan-in = C·KH·KW and fan-out = F·KH·KW. Default (unset): the one the activation right after
    /// the layer prefers (<c>he_uniform</c> after relu and its family, <c>glorot_uniform</c> after sigmoid, tanh and
    /// softmax, <c>lecun_normal</c> after selu), else <c>glorot_uniform</c>.
    /// </summary>
    [ComponentName(typeof(IInitializer))]
    public ComponentReference? KernelInitializer { get; set; }

    /// <summary>Registered initialiser of the bias (same fans as the kernel). Default <c>zeros</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} must name an initializer.")]
    [ComponentName(typeof(IInitializer))]
    public string BiasInitializer { get; set; } = "zeros";
}
