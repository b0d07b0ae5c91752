namespace NeuralNet.Charts.Cairo.Drawing;

/// <summary>Which point of a string's advance box the anchor x names.</summary>
internal enum HAlign
{
    Left,
    Center,
    Right,
}
