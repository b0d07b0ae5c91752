using System.Buffers.Binary;

namespace NeuralNet.Engine.Tests.Support;

/// <summary>Checks a PNG without decoding it: signature, IHDR first with its size, and enough compressed data to be more than a blank canvas.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) AssertValid(string path, int minimumBytes = 4096)
    {
        Assert.That(File.Exists(path), $"{path} was not written.");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.That(bytes.AsSpan(0, 8).ToArray(), Is.EqualTo(Signature), $"{path}: not a PNG signature.");
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 12, 4), Is.EqualTo("IHDR"), $"{path}: IHDR is not the first chunk.");
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.That(width, Is.InRange(200, 4000), $"{path}: width {width}.");
        Assert.That(height, Is.InRange(200, 4000), $"{path}: height {height}.");
        // A blank or single-colour canvas of this size compresses to a few hundred bytes; a chart with text and lines does not.
        Assert.That(bytes.Length, Is.GreaterThan(minimumBytes), $"{path}: only {bytes.Length} bytes; the chart is (nearly) empty.");
        return (width, height);
    }
}
