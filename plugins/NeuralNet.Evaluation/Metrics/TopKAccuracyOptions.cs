using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>Options of <see cref="TopKAccuracy"/>.</summary>
[ComponentOptions]
public sealed class TopKAccuracyOptions
{
    /// <summary>A sample counts as correct when its class is among the <c>K</c> highest scores. Default 2, as scikit-learn.</summary>
    [Range(1, int.MaxValue)]
    public int K { get; set; } = 2;
}
