using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace Acme.Swish.Activations;

/// <summary>Options of <see cref="Swish"/>: in config, <c>{ "Type": "acme&gt;swish", "Beta": 1.5 }</c>.</summary>
[ComponentOptions]
public sealed class SwishOptions
{
    /// <summary>β in x·σ(βx). Default 1 (SiLU); 0 gives x / 2; large values approach ReLU.</summary>
    [Range(0.0, 100.0)]
    public float Beta { get; set; } = 1f;
}
