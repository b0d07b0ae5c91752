using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Initializers;

/// <summary>Options of <see cref="HeUniform"/> and <see cref="HeNormal"/>, as PyTorch's <c>kaiming_*_(mode, nonlinearity)</c>.</summary>
[ComponentOptions]
public sealed class KaimingOptions
{
    /// <summary>Gain g: the standard deviation is g/√fan. Default √2 (ReLU's, PyTorch's <c>calculate_gain('relu')</c>); 1 gives LeCun's.</summary>
    [Range(0d, 1e6d, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float Gain { get; set; } = MathF.Sqrt(2f);

    /// <summary><c>fan_in</c> (default: preserves the forward pass's variance) or <c>fan_out</c> (the backward pass's).</summary>
    [RegularExpression("^(fan_in|fan_out)$", ErrorMessage = "{0} must be fan_in or fan_out.")]
    public string Mode { get; set; } = "fan_in";

    /// <summary>The fan the mode picks.</summary>
    internal int Fan(int fanIn, int fanOut) => Mode == "fan_out" ? fanOut : fanIn;
}
