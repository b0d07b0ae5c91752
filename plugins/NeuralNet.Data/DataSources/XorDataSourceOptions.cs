using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.DataSources;

/// <summary>Options of <see cref="XorDataSource"/>.</summary>
[ComponentOptions]
public sealed class XorDataSourceOptions
{
    /// <summary>Number of points. Default 400.</summary>
    [Range(2, 50_000_000)]
    public int Samples { get; set; } = 400;

    /// <summary>Standard deviation of the Gaussian noise added to each coordinate. Default 0.1.</summary>
    [Range(0.0, 100.0)]
    public float Noise { get; set; } = 0.1f;
}
