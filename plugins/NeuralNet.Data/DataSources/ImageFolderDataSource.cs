using System.Globalization;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.DataSources.Internal;
using NeuralNet.Errors;
using NeuralNet.InputReaders;
using NeuralNet.Tensors;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralNet.DataSources;

/// <summary>
/// Loads a folder of images as a classification data set: PNG, JPEG, BMP and GIF (first frame), decoded with ImageSharp.
/// </summary>
/// <remarks>
/// <para>
/// Layouts: one subfolder per class, <c>Path/&lt;class&gt;/&lt;image&gt;</c>, classes the folder names; or, with
/// <see cref="ImageFolderDataSourceOptions.Labels"/>, images in <c>Path</c> itself named by <c>filename,label</c>
/// lines, classes the distinct labels. Either way class names are sorted (ordinal) and images come in a fixed order:
/// by class folder then file name, or by file name. Hidden files and folders (a leading dot) are ignored, and so are
/// files in a class folder whose extension is not .png, .jpg, .jpeg, .bmp or .gif; subfolders of a class folder are
/// not searched.
/// </para>
/// <para>
/// Output: features <c>[n, channels, height, width]</c>, channel first, float32, pixel / 255 when
/// <see cref="ImageFolderDataSourceOptions.Scale"/>; targets one-hot <c>[n, classes]</c>. With
/// <see cref="ImageFolderDataSourceOptions.TestPath"/>, <see cref="DataSet.Test"/> holds the test folder, loaded the
/// same way with the training classes (a test class unknown to training is an error). <see cref="DataSet.Input"/>
/// names the <c>image</c> input reader (<see cref="InputReaders.ImageInputReader"/>) with this source's colour, size
/// and scaling, so a model trained on it predicts on single image files read the same way.
/// </para>
/// <para>
/// Loading: the first image's header sets the size unless Width and Height are given; then every file is read,
/// identified (its header checked against the size limits before anything is allocated), decoded and converted in
/// parallel, each into its own fixed slot of the one feature array, so the result does not depend on thread timing.
/// When several files are bad, the error names the first in load order.
/// </para>
/// <para>
/// Errors, each a <see cref="DataFormatException"/> naming the file (and line, for a labels file): a missing folder or
/// labels file; no class folders; an empty class folder; a labels line without a comma, naming a missing or non-image
/// file or a file already listed; an image that cannot be decoded (unknown format, corrupt, truncated); an image over
/// 16384 pixels a side or 8192 x 8192 in all; differing sizes without Width and Height (naming both files and sizes);
/// a test class unknown to training; fewer than two classes.
/// </para>
/// </remarks>
[Component("image_folder", Aliases = ["images"], Description = "Images (PNG, JPEG, BMP, GIF) in one folder per class or named by a labels file.")]
public sealed class ImageFolderDataSource : IDataSource
{
    private readonly ImageFolderDataSourceOptions _options;

    public ImageFolderDataSource(ImageFolderDataSourceOptions options) => _options = OptionsGuard.Validate(options, nameof(options));

    public DataSet Load(DataLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string path = Folder(context, _options.Path, "Path");
        List<ImageEntry> trainEntries = Scan(path, _options.Labels, cancellationToken);
        string[] classNames = trainEntries.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (classNames.Length < 2)
            throw new DataFormatException(_options.Labels is null ? path : trainEntries[0].LabelFile!,
                $"holds a single class, '{classNames[0]}': classification needs at least two.");
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classNames.Length; i++) classIndex[classNames[i]] = i;

        var size = _options.Width is int w && _options.Height is int h
            ? (Width: w, Height: h, Reference: "")
            : Identify(trainEntries[0].Path);
        var train = Decode(trainEntries, classIndex, size, cancellationToken);

        DataSet? test = null;
        if (!string.IsNullOrWhiteSpace(_options.TestPath))
        {
            string testPath = Folder(context, _options.TestPath, "TestPath");
            List<ImageEntry> testEntries = Scan(testPath, _options.TestLabels ?? _options.Labels, cancellationToken);
            ImageEntry unknown = testEntries.FirstOrDefault(e => !classIndex.ContainsKey(e.Label));
            if (unknown.Path is not null)
                throw unknown.LabelFile is null
                    ? new DataFormatException(Path.GetDirectoryName(unknown.Path)!,
                        $"test class '{unknown.Label}' is not a training class ({Describe(classNames)}).")
                    : new DataFormatException(unknown.LabelFile,
                        $"test class '{unknown.Label}' is not a training class ({Describe(classNames)}).", unknown.Line);
            var loaded = Decode(testEntries, classIndex, size, cancellationToken);
            test = new DataSet(loaded.Features, loaded.Targets, classNames, Describe(testPath, loaded.Features, classNames.Length));
        }

        return new DataSet(train.Features, train.Targets, classNames, Describe(path, train.Features, classNames.Length))
        {
            Test = test,
            Input = InputFor(size.Width, size.Height),
        };
    }

    /// <summary>How one image file becomes a sample as this source read them, saved with the model for <c>predict</c> on image files.</summary>
    private InputFormat InputFor(int width, int height)
        => new(ImageInputReader.Name, new ImageInputReaderOptions { Color = _options.Color, Width = width, Height = height, Scale = _options.Scale });

    private static string Folder(DataLoadContext context, string? option, string key)
    {
        string folder = context.Resolve(option!);
        if (!Directory.Exists(folder))
            throw new DataFormatException(folder, File.Exists(folder)
                ? $"is a file; {context.ConfigPath}:{key} must name a folder of images."
                : $"folder not found ({context.ConfigPath}:{key} is '{option}', resolved against '{context.BaseDirectory}').");
        return folder;
    }

    private static List<ImageEntry> Scan(string folder, string? labels, CancellationToken cancellationToken)
        => string.IsNullOrWhiteSpace(labels)
            ? ImageFolderScan.ClassFolders(folder)
            : ImageFolderScan.LabelsFile(Path.GetFullPath(Path.Combine(folder, labels)), folder, cancellationToken);

    private (int Width, int Height, string Reference) Identify(string first)
    {
        var (width, height) = _options.Color switch
        {
            ImageColor.Rgb => new ImageReader<Rgb24>().Identify(first),
            ImageColor.Rgba => new ImageReader<Rgba32>().Identify(first),
            _ => new ImageReader<L8>().Identify(first),
        };
        return (width, height, first);
    }

    private (Tensor Features, Tensor Targets) Decode(
        List<ImageEntry> entries, Dictionary<string, int> classIndex, (int Width, int Height, string Reference) size, CancellationToken cancellationToken)
        => _options.Color switch
        {
            ImageColor.Rgb => Decode<Rgb24>(entries, classIndex, size, cancellationToken),
            ImageColor.Rgba => Decode<Rgba32>(entries, classIndex, size, cancellationToken),
            _ => Decode<L8>(entries, classIndex, size, cancellationToken),
        };

    private (Tensor Features, Tensor Targets) Decode<TPixel>(
        List<ImageEntry> entries, Dictionary<string, int> classIndex, (int Width, int Height, string Reference) size, CancellationToken cancellationToken)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        int n = entries.Count, channels = ImageReader<TPixel>.Channels;
        int sampleSize = channels * size.Width * size.Height;
        if ((long)n * sampleSize > Array.MaxLength)
            throw new DataFormatException(Path.GetDirectoryName(entries[0].Path)!,
                $"{n} images of {channels}x{size.Height}x{size.Width} do not fit in one array; set a smaller Width and Height.");

        float[] values = GC.AllocateUninitializedArray<float>(n * sampleSize);
        float divisor = _options.Scale ? 255f : 1f;
        bool resize = size.Reference.Length == 0;
        DataFormatException? firstError = null;
        int firstErrorIndex = int.MaxValue;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, n, parallel, () => new ImageReader<TPixel>(), (i, state, reader) =>
        {
            try
            {
                reader.Decode(entries[i].Path, size.Width, size.Height, resize, size.Reference, divisor, values, i * sampleSize);
            }
            catch (DataFormatException e)
            {
                lock (parallel)
                {
                    if (i < firstErrorIndex) (firstError, firstErrorIndex) = (e, i);
                }
                state.Break(); // every earlier file still runs, so the error reported is always the first in order
            }
            return reader;
        }, _ => { });
        if (firstError is not null) throw firstError;

        var targets = new Tensor(n, classIndex.Count);
        for (int i = 0; i < n; i++) targets.Buffer[i * classIndex.Count + classIndex[entries[i].Label]] = 1f;
        return (new Tensor(values, n, new TensorShape(channels, size.Height, size.Width)), targets);
    }

    private string Describe(string folder, Tensor features, int classes)
    {
        TensorShape shape = features.SampleShape;
        return string.Create(CultureInfo.InvariantCulture,
            $"{folder} ({features.BatchSize} images, {classes} classes, {shape[2]}x{shape[1]} {_options.Color.ToString().ToLowerInvariant()})");
    }

    private static string Describe(string[] classNames)
        => classNames.Length <= 12 ? string.Join(", ", classNames) : string.Join(", ", classNames.Take(12)) + $", ... ({classNames.Length} in all)";
}
