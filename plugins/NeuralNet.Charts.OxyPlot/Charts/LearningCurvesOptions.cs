using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary>Options of <see cref="LearningCurvesChart"/>.</summary>
[ComponentOptions]
public sealed class LearningCurvesOptions
{
    /// <summary>
    /// Exponential smoothing weight a in [0, 1): each point becomes s_t = a s_{t−1} + (1 − a) x_t (s_1 = x_1), drawn
    /// over the raw curve in a lighter line. Default 0: no smoothing.
    /// </summary>
    [Range(0.0, 0.99)]
    public double Smoothing { get; set; }

    /// <summary>The loss axis turns logarithmic when the loss spans more than this many decades. Default 2.</summary>
    [Range(0.0, 100.0)]
    public double LogScaleDecades { get; set; } = 2;
}
