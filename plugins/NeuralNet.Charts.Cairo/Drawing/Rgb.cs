using System.Globalization;

namespace NeuralNet.Charts.Cairo.Drawing;

/// <summary>An opaque colour with channels in [0, 1].</summary>
internal readonly record struct Rgb(double R, double G, double B)
{
    public static readonly Rgb White = new(1, 1, 1);

    /// <summary>Parses <c>#rrggbb</c>.</summary>
    public static Rgb FromHex(string hex)
    {
        ReadOnlySpan<char> s = hex.AsSpan().TrimStart('#');
        if (s.Length != 6 || !int.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int v))
            throw new ArgumentException($"'{hex}' is not a colour of the form #rrggbb.", nameof(hex));
        return new((v >> 16 & 0xFF) / 255.0, (v >> 8 & 0xFF) / 255.0, (v & 0xFF) / 255.0);
    }

    /// <summary>This colour laid over white at <paramref name="opacity"/>: <c>opacity * c + (1 - opacity) * 1</c>.</summary>
    public Rgb OverWhite(double opacity)
        => new(opacity * R + (1 - opacity), opacity * G + (1 - opacity), opacity * B + (1 - opacity));

    /// <summary>This colour scaled towards black: <c>factor * c</c>.</summary>
    public Rgb Darker(double factor) => new(R * factor, G * factor, B * factor);
}
