using System.Runtime.InteropServices;

namespace NeuralNet.Charts.Cairo.Native;

/// <summary><c>cairo_font_extents_t</c>: the current font's metrics, independent of any string.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CairoFontExtents
{
    public double Ascent;
    public double Descent;
    public double Height;
    public double MaxXAdvance;
    public double MaxYAdvance;
}
