namespace NeuralNet.Charts.Cairo.Native;

/// <summary><c>cairo_line_join_t</c>.</summary>
internal enum CairoLineJoin
{
    Miter = 0,
    Round = 1,
    Bevel = 2,
}
