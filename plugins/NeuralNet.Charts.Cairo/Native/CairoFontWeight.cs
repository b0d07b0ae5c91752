namespace NeuralNet.Charts.Cairo.Native;

/// <summary><c>cairo_font_weight_t</c>.</summary>
internal enum CairoFontWeight
{
    Normal = 0,
    Bold = 1,
}
