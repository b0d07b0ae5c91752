using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NeuralNet.Errors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuralNet.DataSources.Internal;

/// <summary>
/// Decodes one image file into channel-first floats with ImageSharp: PNG, JPEG, BMP and GIF (first frame only).
/// One instance per worker thread: it keeps its file buffer between images.
/// </summary>
/// <typeparam name="TPixel"><see cref="L8"/>, <see cref="Rgb24"/> or <see cref="Rgba32"/>: one byte per channel, so its size is the channel count.</typeparam>
internal sealed class ImageReader<TPixel> where TPixel : unmanaged, IPixel<TPixel>
{
    /// <summary>Largest image area decoded, in pixels (8192 x 8192); the header is checked before anything is allocated.</summary>
    public const long MaxPixels = 1L << 26;

    /// <summary>Largest image file read.</summary>
    private const long MaxFileBytes = 1L << 28;

    private static readonly Configuration Formats = CreateConfiguration();

    private byte[] _file = new byte[1 << 16];

    public static int Channels => Unsafe.SizeOf<TPixel>();

    /// <summary>Reads only the header: width and height.</summary>
    /// <exception cref="DataFormatException">Unreadable, unrecognised or corrupt file, or a size over the limits.</exception>
    public (int Width, int Height) Identify(string path)
    {
        using var stream = Read(path);
        return Identify(path, stream);
    }

    /// <summary>
    /// Decodes <paramref name="path"/> into <paramref name="destination"/> (<c>[channels, height, width]</c>, divided by
    /// <paramref name="divisor"/>, from <paramref name="offset"/> in <paramref name="destination"/>), resizing to <paramref name="width"/> x <paramref name="height"/> when
    /// <paramref name="resize"/>; otherwise the image must already have that size (<paramref name="reference"/> names the
    /// file that set it, for the message).
    /// </summary>
    /// <exception cref="DataFormatException">Unreadable, unrecognised or corrupt file, or a size over the limits or unlike the reference.</exception>
    public void Decode(string path, int width, int height, bool resize, string reference, float divisor, float[] destination, int offset)
    {
        using MemoryStream stream = Read(path);
        var (w, h) = Identify(path, stream);
        if (!resize && (w != width || h != height))
            throw new DataFormatException(path,
                $"is {w}x{h}, but {reference} is {width}x{height}: every image must have the same size. Set Width and Height to resize them all.");
        stream.Position = 0;

        Image<TPixel> image;
        try
        {
            image = Image.Load<TPixel>(Formats, stream);
        }
        catch (Exception e) when (IsDecodeError(e))
        {
            throw Corrupt(path, e);
        }
        using (image)
        {
            if (image.Width != width || image.Height != height) image.Mutate(x => x.Resize(width, height));
            image.ProcessPixelRows(rows => CopyRows(rows, destination.AsSpan(offset, Channels * width * height), divisor));
        }
    }

    /// <summary>Interleaved rows of one-byte channels to channel-first planes: <c>[c, y, x] = row(y)[x * channels + c] / divisor</c>.</summary>
    private static void CopyRows(PixelAccessor<TPixel> rows, Span<float> destination, float divisor)
    {
        int width = rows.Width, plane = width * rows.Height, channels = Channels;
        for (int y = 0; y < rows.Height; y++)
        {
            ReadOnlySpan<byte> row = MemoryMarshal.AsBytes(rows.GetRowSpan(y));
            if (channels == 1)
            {
                PixelConversion.ToFloat(row, destination.Slice(y * width, width), divisor);
                continue;
            }
            for (int c = 0; c < channels; c++)
            {
                Span<float> line = destination.Slice(c * plane + y * width, width);
                for (int x = 0, i = c; x < line.Length; x++, i += channels) line[x] = row[i] / divisor;
            }
        }
    }

    private MemoryStream Read(string path)
    {
        try
        {
            SpecialFiles.RequireData(path, "image");
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            long length = file.Length;
            if (length > MaxFileBytes)
                throw new DataFormatException(path, $"is {length} bytes; image files over {MaxFileBytes >> 20} MiB are not read.");
            if (length > _file.Length) _file = new byte[Math.Max(length, 2L * _file.Length)];
            file.ReadExactly(_file, 0, (int)length);
            return new MemoryStream(_file, 0, (int)length, writable: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"cannot be read: {e.Message}", inner: e);
        }
    }

    private static (int Width, int Height) Identify(string path, MemoryStream stream)
    {
        IImageInfo? info;
        try
        {
            info = Image.Identify(Formats, stream, out _);
        }
        catch (Exception e) when (IsDecodeError(e))
        {
            throw Corrupt(path, e);
        }
        if (info is null)
            throw new DataFormatException(path, "is not a PNG, JPEG, BMP or GIF image: its content matches none of them.");
        if (info.Width < 1 || info.Height < 1 || info.Width > ImageFolderDataSourceOptions.MaxSide || info.Height > ImageFolderDataSourceOptions.MaxSide
            || (long)info.Width * info.Height > MaxPixels)
            throw new DataFormatException(path,
                $"its header claims {info.Width}x{info.Height} pixels; images must be 1 to {ImageFolderDataSourceOptions.MaxSide} pixels a side and at most {MaxPixels} pixels in all.");
        return (info.Width, info.Height);
    }

    /// <summary>What a corrupt or truncated file makes ImageSharp throw (its own types, and a few a crafted file can still provoke).</summary>
    private static bool IsDecodeError(Exception e)
        => e is ImageFormatException or InvalidMemoryOperationException or NotSupportedException or IOException
            or IndexOutOfRangeException or ArgumentException;

    private static DataFormatException Corrupt(string path, Exception e)
        => new(path, $"cannot be decoded ({(e is UnknownImageFormatException ? "not a PNG, JPEG, BMP or GIF image" : "corrupt or truncated")}): {e.Message}", inner: e);

    private static Configuration CreateConfiguration()
    {
        var configuration = new Configuration(
            new PngConfigurationModule(), new JpegConfigurationModule(), new BmpConfigurationModule(), new GifConfigurationModule())
        {
            // Files are decoded in parallel already: each decode stays on its thread.
            MaxDegreeOfParallelism = 1,
        };
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }
}
