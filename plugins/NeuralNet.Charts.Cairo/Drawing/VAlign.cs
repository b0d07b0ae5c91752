namespace NeuralNet.Charts.Cairo.Drawing;

/// <summary>Which line of the current font the anchor y names (from the font's ascent and descent, not the string's ink).</summary>
internal enum VAlign
{
    Top,
    Middle,
    Baseline,
    Bottom,
}
