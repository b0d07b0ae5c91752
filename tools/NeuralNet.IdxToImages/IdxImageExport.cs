using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralNet.IdxToImages;

/// <summary>Writes IDX images and labels (MNIST layout, raw or gzip) as <c>out/&lt;class&gt;/&lt;index&gt;.png</c>, grey.</summary>
public static class IdxImageExport
{
    /// <summary>Fashion-MNIST's classes, spelt as folder names; the default for 10 classes.</summary>
    public static readonly string[] FashionMnistClasses =
        ["T-shirt_top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle_boot"];

    private static readonly PngEncoder Encoder = new() { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8 };

    /// <summary>
    /// Writes the first <paramref name="limit"/> images (all when null) into <paramref name="outDir"/>, one subfolder per
    /// class that occurs; files are numbered by their index in the IDX file, zero-padded so that name order is file order.
    /// Class names default to <see cref="FashionMnistClasses"/> when the file has 10 classes (its largest label is 9),
    /// otherwise to the label numbers.
    /// </summary>
    /// <returns>The number of images written.</returns>
    /// <exception cref="InvalidDataException">A malformed IDX file, counts that differ, or a label without a class name.</exception>
    public static int Export(string imagesPath, string labelsPath, string outDir, int? limit = null, IReadOnlyList<string>? classNames = null)
    {
        var (imageDims, pixels) = ReadIdx(imagesPath, 0x00000803);
        var (labelDims, labels) = ReadIdx(labelsPath, 0x00000801);
        int count = imageDims[0], rows = imageDims[1], columns = imageDims[2];
        if (labelDims[0] != count)
            throw new InvalidDataException($"{labelsPath}: holds {labelDims[0]} labels, but {imagesPath} holds {count} images.");
        int n = Math.Min(count, limit ?? int.MaxValue);

        int maxLabel = labels.Max();
        string[] names = classNames?.ToArray()
            ?? (maxLabel == 9 ? FashionMnistClasses : Enumerable.Range(0, maxLabel + 1).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());
        if (maxLabel >= names.Length)
            throw new InvalidDataException($"{labelsPath}: label {maxLabel} has no class name ({names.Length} given: {string.Join(",", names)}).");
        foreach (string name in names)
        {
            if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(['/', '\\', ',']) >= 0 || name.StartsWith('.'))
                throw new ArgumentException($"class name '{name}' cannot be a folder name (no '/', '\\', ',' or leading '.').", nameof(classNames));
        }

        foreach (int label in labels.AsSpan(0, n).ToArray().Distinct()) Directory.CreateDirectory(Path.Combine(outDir, names[label]));
        int digits = Math.Max(1, (count - 1).ToString(CultureInfo.InvariantCulture).Length);
        int size = rows * columns;
        Parallel.For(0, n, i =>
        {
            using var image = Image.LoadPixelData<L8>(pixels.AsSpan(i * size, size), columns, rows);
            string file = Path.Combine(outDir, names[labels[i]], i.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0') + ".png");
            image.SaveAsPng(file, Encoder);
        });
        return n;
    }

    /// <summary>Reads a whole unsigned-byte IDX file (gzip when it starts 1f 8b): its dimensions and body.</summary>
    public static (int[] Dimensions, byte[] Body) ReadIdx(string path, int magic)
    {
        byte[] data = File.ReadAllBytes(path);
        if (data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b)
        {
            using var unzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
            using var raw = new MemoryStream();
            unzip.CopyTo(raw);
            data = raw.ToArray();
        }
        int rank = magic & 0xff, header = 4 + 4 * rank;
        if (data.Length < header || BinaryPrimitives.ReadInt32BigEndian(data) != magic)
            throw new InvalidDataException($"{path}: not an IDX file with magic number 0x{magic:X8}.");
        var dims = new int[rank];
        long expected = 1;
        for (int d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4 + 4 * d));
            if (dims[d] < 1) throw new InvalidDataException($"{path}: dimension {d} has size {dims[d]}.");
            expected *= dims[d];
        }
        if (data.Length - header != expected)
            throw new InvalidDataException($"{path}: expected {expected} bytes after the header, found {data.Length - header}.");
        return (dims, data[header..]);
    }
}
