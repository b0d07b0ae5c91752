namespace NeuralNet.Charts.Cairo.Native;

/// <summary>
/// <c>cairo_format_t</c>. Both 32-bit formats store one native-endian <c>uint</c> per pixel: 0xAARRGGBB
/// (alpha premultiplied) for <see cref="Argb32"/>, 0x??RRGGBB (top byte unused) for <see cref="Rgb24"/>.
/// </summary>
internal enum CairoFormat
{
    Invalid = -1,
    Argb32 = 0,
    Rgb24 = 1,
    A8 = 2,
    A1 = 3,
    Rgb16565 = 4,
    Rgb30 = 5,
}
