using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Layers;

/// <summary>Options of <see cref="BatchNorm"/> (PyTorch's <c>nn.BatchNorm1d</c>/<c>nn.BatchNorm2d</c> defaults).</summary>
[ComponentOptions]
public sealed class BatchNormOptions
{
    /// <summary>
    /// Weight of the new batch statistic in the running averages, as PyTorch defines it:
    /// running = (1 − Momentum) · running + Momentum · batch statistic. In [0, 1]; default 0.1.
    /// </summary>
    [Range(0d, 1d, ErrorMessage = "{0} must be in [0, 1].")]
    public float Momentum { get; set; } = 0.1f;

    /// <summary>Added to the variance before the square root, for numerical stability. Default 1e-5.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{0} must be a finite number > 0.")]
    public float Epsilon { get; set; } = 1e-5f;

    /// <summary>Whether to learn a per-channel scale γ (<c>weight</c>, initially 1) and shift β (<c>bias</c>, initially 0). Default true.</summary>
    public bool Affine { get; set; } = true;
}
