using System.Buffers.Binary;
using System.IO.Compression;

namespace NeuralNet.Data.Tests.Support;

/// <summary>Builds small IDX files (MNIST layout) in memory, raw or gzip.</summary>
internal static class IdxWriter
{
    /// <summary>Magic 0x00000803, then count, rows, columns, then the pixels.</summary>
    public static byte[] Images(int count, int rows, int columns, byte[] pixels, bool gzip = false)
        => Encode(0x00000803, [count, rows, columns], pixels, gzip);

    /// <summary>Magic 0x00000801, then count, then the labels.</summary>
    public static byte[] Labels(byte[] labels, bool gzip = false) => Encode(0x00000801, [labels.Length], labels, gzip);

    /// <summary>Any header and body, for malformed files.</summary>
    public static byte[] Encode(int magic, int[] dimensions, byte[] body, bool gzip = false)
    {
        var raw = new byte[4 + 4 * dimensions.Length + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(raw, magic);
        for (int d = 0; d < dimensions.Length; d++) BinaryPrimitives.WriteInt32BigEndian(raw.AsSpan(4 + 4 * d), dimensions[d]);
        body.CopyTo(raw, 4 + 4 * dimensions.Length);
        if (!gzip) return raw;
        using var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.Fastest)) zip.Write(raw);
        return compressed.ToArray();
    }

    /// <summary>Deterministic pseudo-random pixels covering 0..255.</summary>
    public static byte[] Pixels(int length, int seed = 7)
    {
        var pixels = new byte[length];
        new Random(seed).NextBytes(pixels);
        if (length > 1)
        {
            pixels[0] = 0;
            pixels[^1] = 255;
        }
        return pixels;
    }
}
