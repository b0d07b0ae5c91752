using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.DataSources;
using NeuralNet.DataSources.Internal;
using NeuralNet.Tensors;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralNet.InputReaders;

/// <summary>
/// Reads one image file (PNG, JPEG, BMP, GIF's first frame) into a <c>[channels, height, width]</c> sample exactly as
/// <see cref="ImageFolderDataSource"/> reads its images: the same decoder, colour conversion, bicubic resize and
/// scaling, so a model trained on an image folder predicts on single files the way it was evaluated.
/// </summary>
/// <remarks>
/// An image of another size than <see cref="ImageInputReaderOptions.Width"/> x <see cref="ImageInputReaderOptions.Height"/>
/// is resized to it. Errors, each a <see cref="Errors.DataFormatException"/> naming the file: missing, empty or not a
/// regular file, unreadable, not an image of a known format, corrupt or truncated, over the size limits.
/// </remarks>
[Component(Name, Description = "One image file (PNG, JPEG, BMP, GIF) as a [channels, height, width] sample, as image_folder reads it.")]
public sealed class ImageInputReader : IInputReader
{
    /// <summary>The registered name, which <see cref="ImageFolderDataSource"/> records.</summary>
    public const string Name = "image";

    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif"];

    private readonly Action<string, float[]> _decode;
    private float[]? _sample; // made at the first read: a model file's size is checked against the model before then

    public ImageInputReader(ImageInputReaderOptions options)
    {
        OptionsGuard.Validate(options, nameof(options));
        int width = options.Width!.Value, height = options.Height!.Value;
        float divisor = options.Scale ? 255f : 1f;
        (int channels, _decode) = options.Color switch
        {
            ImageColor.Rgb => Decoder<Rgb24>(width, height, divisor),
            ImageColor.Rgba => Decoder<Rgba32>(width, height, divisor),
            _ => Decoder<L8>(width, height, divisor),
        };
        SampleShape = new TensorShape(channels, height, width);
    }

    public TensorShape SampleShape { get; }

    public bool Accepts(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    public void Read(string path, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (destination.Length != SampleShape.Size)
            throw new ArgumentException($"Destination of {destination.Length} floats; a {SampleShape} sample has {SampleShape.Size}.", nameof(destination));
        _sample ??= new float[SampleShape.Size];
        _decode(path, _sample);
        _sample.CopyTo(destination);
    }

    private static (int Channels, Action<string, float[]> Decode) Decoder<TPixel>(int width, int height, float divisor)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var reader = new ImageReader<TPixel>();
        return (ImageReader<TPixel>.Channels, (path, sample) => reader.Decode(path, width, height, resize: true, "", divisor, sample, 0));
    }
}
