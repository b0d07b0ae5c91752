using System.Buffers.Binary;
using System.Text;
using NeuralNet.Charts.Cairo.Native;

namespace NeuralNet.Charts.Cairo.Tests.Support;

/// <summary>A PNG read back through cairo (cairo_image_surface_create_from_png), as 8-bit RGB pixels.</summary>
internal sealed class DecodedPng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly uint[] _pixels;

    private DecodedPng(int width, int height, uint[] pixels)
    {
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The pixel at column <paramref name="x"/>, row <paramref name="y"/> (top-left origin).</summary>
    public Color8 this[int x, int y]
    {
        get
        {
            uint p = _pixels[y * Width + x];
            return new Color8((byte)(p >> 16), (byte)(p >> 8), (byte)p);
        }
    }

    public static unsafe DecodedPng Load(string path)
    {
        using CairoSurfaceHandle surface = CairoNative.ImageSurfaceCreateFromPng(path);
        CairoStatus status = CairoNative.SurfaceStatus(surface);
        if (status != CairoStatus.Success) throw new IOException($"{path}: cairo cannot read it: {CairoNative.StatusToString(status)}");
        CairoNative.SurfaceFlush(surface);
        CairoFormat format = CairoNative.ImageSurfaceGetFormat(surface);
        if (format is not (CairoFormat.Rgb24 or CairoFormat.Argb32)) throw new InvalidDataException($"{path}: unexpected cairo format {format}.");
        int width = CairoNative.ImageSurfaceGetWidth(surface);
        int height = CairoNative.ImageSurfaceGetHeight(surface);
        int stride = CairoNative.ImageSurfaceGetStride(surface);
        nint data = CairoNative.ImageSurfaceGetData(surface);
        var pixels = new uint[width * height];
        for (int y = 0; y < height; y++)
            new ReadOnlySpan<uint>((void*)(data + y * stride), width).CopyTo(pixels.AsSpan(y * width, width));
        return new DecodedPng(width, height, pixels);
    }

    /// <summary>Checks the 8-byte signature and that IHDR is the first chunk; returns the size it declares.</summary>
    public static (int Width, int Height) ReadHeader(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Length, Is.GreaterThan(33), "too short for a PNG signature and IHDR chunk");
        Assert.That(bytes.AsSpan(0, 8).SequenceEqual(Signature), Is.True, "PNG signature");
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)), Is.EqualTo(13), "IHDR length");
        Assert.That(Encoding.ASCII.GetString(bytes, 12, 4), Is.EqualTo("IHDR"), "first chunk");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>Every pixel within <paramref name="tolerance"/> (per channel) of <paramref name="color"/>, as (x, y).</summary>
    public List<(int X, int Y)> Find(Color8 color, int tolerance = 2)
    {
        var found = new List<(int X, int Y)>();
        for (int y = 0; y < Height; y++)
        for (int x = 0; x < Width; x++)
        {
            if (this[x, y].IsNear(color, tolerance)) found.Add((x, y));
        }
        return found;
    }

    public int DistinctColors() => _pixels.Select(p => p & 0xFFFFFF).Distinct().Count();

    public double Fraction(Color8 color, int tolerance = 0) => (double)Find(color, tolerance).Count / (Width * Height);
}
