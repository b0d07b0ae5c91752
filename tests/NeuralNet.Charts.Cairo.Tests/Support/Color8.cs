using System.Globalization;

namespace NeuralNet.Charts.Cairo.Tests.Support;

/// <summary>An 8-bit RGB colour, written independently of the renderer's palette so tests catch palette mistakes.</summary>
internal readonly record struct Color8(byte R, byte G, byte B)
{
    public static readonly Color8 White = new(255, 255, 255);

    public static Color8 Hex(string hex)
    {
        int v = int.Parse(hex.TrimStart('#'), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new Color8((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>This colour at <paramref name="opacity"/> over white.</summary>
    public Color8 OverWhite(double opacity)
        => new(Mix(R, opacity), Mix(G, opacity), Mix(B, opacity));

    public bool IsNear(Color8 other, int tolerance)
        => Math.Abs(R - other.R) <= tolerance && Math.Abs(G - other.G) <= tolerance && Math.Abs(B - other.B) <= tolerance;

    private static byte Mix(byte c, double opacity) => (byte)Math.Round(255 * (opacity * c / 255.0 + 1 - opacity));

    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";
}
