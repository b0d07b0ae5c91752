using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary>Options of <see cref="MisclassifiedImagesChart"/>.</summary>
[ComponentOptions]
public sealed class MisclassifiedImagesOptions
{
    /// <summary>At most this many images, in evaluation order. Default 25 (a 5 x 5 grid).</summary>
    [Range(1, 400)]
    public int Images { get; set; } = 25;
}
