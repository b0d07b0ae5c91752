namespace NeuralNet.Charts.Cairo.Native;

/// <summary><c>cairo_font_slant_t</c>.</summary>
internal enum CairoFontSlant
{
    Normal = 0,
    Italic = 1,
    Oblique = 2,
}
