using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralNet.Data.Tests.Support;

/// <summary>Writes small image files with ImageSharp for the image_folder tests.</summary>
internal static class ImageFiles
{
    /// <summary>Writes <paramref name="pixels"/> (interleaved, one byte per channel of <typeparamref name="TPixel"/>, row-major) to <paramref name="path"/>, creating its folder; the extension picks the format.</summary>
    public static string Write<TPixel>(string path, int width, int height, byte[] pixels) where TPixel : unmanaged, IPixel<TPixel>
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = Image.LoadPixelData<TPixel>(pixels, width, height);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".png":
                image.SaveAsPng(path, new PngEncoder
                {
                    ColorType = typeof(TPixel) == typeof(L8) ? PngColorType.Grayscale : typeof(TPixel) == typeof(Rgb24) ? PngColorType.Rgb : PngColorType.RgbWithAlpha,
                    BitDepth = PngBitDepth.Bit8,
                });
                break;
            case ".jpg" or ".jpeg":
                image.SaveAsJpeg(path, new JpegEncoder { Quality = 100 });
                break;
            default:
                image.Save(path);
                break;
        }
        return path;
    }

    /// <summary>A grey image whose every pixel is <paramref name="value"/>.</summary>
    public static string Grey(string path, int width, int height, byte value)
        => Write<L8>(path, width, height, Enumerable.Repeat(value, width * height).ToArray());

    /// <summary>Deterministic bytes covering many values.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Interleaved <c>[y, x, c]</c> bytes to channel-first <c>[c, y, x]</c> floats divided by 255.</summary>
    public static float[] ChannelFirst(byte[] interleaved, int width, int height, int channels)
    {
        var result = new float[interleaved.Length];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                    result[c * width * height + y * width + x] = interleaved[(y * width + x) * channels + c] / 255f;
        return result;
    }
}
