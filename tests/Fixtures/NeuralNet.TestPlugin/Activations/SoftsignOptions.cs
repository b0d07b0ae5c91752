using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.TestPlugin.Activations;

/// <summary>Options of <see cref="Softsign"/>.</summary>
[ComponentOptions]
public sealed class SoftsignOptions
{
    /// <summary>Output scale. Default 1.</summary>
    [Range(0.001, 1000)]
    public float Scale { get; set; } = 1f;
}
