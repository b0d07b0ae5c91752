using NeuralNet.Charts.Cairo.Drawing;

namespace NeuralNet.Charts.Cairo.Layout;

/// <summary>One row of a legend.</summary>
internal sealed record LegendEntry(string Label, Rgb Color, LegendSwatch Swatch, bool Dashed = false);
