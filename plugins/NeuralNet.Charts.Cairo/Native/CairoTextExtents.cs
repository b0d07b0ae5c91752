using System.Runtime.InteropServices;

namespace NeuralNet.Charts.Cairo.Native;

/// <summary>
/// <c>cairo_text_extents_t</c>, in user-space units: the ink box of a string relative to the current point
/// (<see cref="YBearing"/> is negative for glyphs above the baseline) and how far the point advances.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CairoTextExtents
{
    public double XBearing;
    public double YBearing;
    public double Width;
    public double Height;
    public double XAdvance;
    public double YAdvance;
}
