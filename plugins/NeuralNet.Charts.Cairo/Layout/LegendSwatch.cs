namespace NeuralNet.Charts.Cairo.Layout;

/// <summary>What a legend entry shows left of its label.</summary>
internal enum LegendSwatch
{
    /// <summary>A short stretch of the series' line.</summary>
    Line,

    /// <summary>A short stretch of line with the series' marker on it.</summary>
    LineWithMarker,

    /// <summary>A patch of the class's pastel region with one of its sample points on it.</summary>
    Region,
}
