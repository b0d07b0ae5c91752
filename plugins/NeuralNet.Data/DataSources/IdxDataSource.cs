using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.DataSources.Internal;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.DataSources;

/// <summary>
/// Loads images and labels in IDX format: MNIST, Fashion-MNIST and anything stored like them. Each file may be raw
/// or gzip; the gzip magic bytes decide, not the extension.
/// </summary>
/// <remarks>
/// <para>
/// Images: magic 0x00000803 (unsigned bytes, 3 dimensions), then count, rows, columns, then count × rows × columns
/// pixels. Labels: magic 0x00000801, then count, then one byte per image. The file must hold exactly what its header
/// declares, image and label counts must match, and every label must be below the number of classes.
/// </para>
/// <para>
/// Output: features <c>[n, rows·cols]</c> (<see cref="IdxDataSourceOptions.Flatten"/>) or <c>[n, 1, rows, cols]</c>,
/// pixel / 255 when <see cref="IdxDataSourceOptions.Scale"/>; targets one-hot <c>[n, classes]</c>. With test files
/// the data set's <see cref="DataSet.Test"/> holds them, loaded the same way (never capped by MaxSamples).
/// </para>
/// <para>
/// Pixels stream from the file in 64 KiB chunks, each converted with SIMD straight into the one feature array while
/// it is still in cache (cancellation is checked between chunks).
/// </para>
/// </remarks>
[Component("idx", Aliases = ["mnist"], Description = "Images and labels in IDX format, raw or gzip (MNIST, Fashion-MNIST).")]
public sealed class IdxDataSource : IDataSource
{
    private readonly IdxDataSourceOptions _options;
    private readonly string[] _classNames;

    public IdxDataSource(IdxDataSourceOptions options)
    {
        _options = OptionsGuard.Validate(options, nameof(options));
        _classNames = options.ClassNames?.ToArray() ?? ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    }

    public DataSet Load(DataLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string trainImages = context.Resolve(_options.TrainImages);
        var train = LoadPair(trainImages, context.Resolve(_options.TrainLabels), _options.MaxSamples, cancellationToken);

        DataSet? test = null;
        if (!string.IsNullOrWhiteSpace(_options.TestImages) && !string.IsNullOrWhiteSpace(_options.TestLabels))
        {
            string testImages = context.Resolve(_options.TestImages);
            var loaded = LoadPair(testImages, context.Resolve(_options.TestLabels), null, cancellationToken);
            if (loaded.Features.SampleShape != train.Features.SampleShape)
                throw new DataFormatException(testImages,
                    $"test images are {loaded.Rows}x{loaded.Columns}, but the training images ({trainImages}) are {train.Rows}x{train.Columns}.");
            test = new DataSet(loaded.Features, loaded.Targets, _classNames, testImages);
        }

        return new DataSet(train.Features, train.Targets, _classNames, trainImages) { Test = test };
    }

    private (Tensor Features, Tensor Targets, int Rows, int Columns) LoadPair(
        string imagesPath, string labelsPath, int? maxSamples, CancellationToken cancellationToken)
    {
        using IdxFile images = IdxFile.Open(imagesPath, IdxFile.ImagesMagic, "images");
        using IdxFile labels = IdxFile.Open(labelsPath, IdxFile.LabelsMagic, "labels");
        int count = images.Dimensions[0], rows = images.Dimensions[1], columns = images.Dimensions[2];
        if (labels.Dimensions[0] != count)
            throw new DataFormatException(labelsPath,
                $"holds {labels.Dimensions[0]} labels, but {imagesPath} holds {count} images; they must match one to one.");

        int n = Math.Min(count, maxSamples ?? int.MaxValue);
        long pixels = (long)rows * columns; // two ints: at most 2^62
        string declared = $"the header declares {count} images of {rows}x{columns}";
        // Sizes are checked before anything is allocated, in 128 bits so no product can wrap.
        if ((Int128)count * pixels > long.MaxValue || (Int128)n * pixels > Array.MaxLength)
            throw new DataFormatException(imagesPath, $"{declared}: {(Int128)n * pixels} pixels do not fit in one array; set MaxSamples.");
        images.CheckDeclaredSize(count * pixels, "pixel data", declared);
        labels.CheckDeclaredSize(count, "label data", $"the header declares {count} labels");

        var labelBytes = new byte[n];
        labels.ReadBody(count, n, "label data", $"the header declares {count} labels",
            (chunk, offset) => chunk.CopyTo(labelBytes.AsSpan(offset)), cancellationToken);
        int classes = _classNames.Length;
        for (int i = 0; i < n; i++)
        {
            if (labelBytes[i] >= classes)
                throw new DataFormatException(labelsPath,
                    $"label {labelBytes[i]} of item {i + 1} is out of range: {classes} classes ({string.Join(", ", _classNames)}) allow 0 to {classes - 1}. Set ClassNames to name every class.");
        }

        float[] values = GC.AllocateUninitializedArray<float>((int)(n * pixels));
        float divisor = _options.Scale ? 255f : 1f;
        images.ReadBody(count * pixels, values.Length, "pixel data", declared,
            (chunk, offset) => PixelConversion.ToFloat(chunk, values.AsSpan(offset, chunk.Length), divisor), cancellationToken);
        var shape = _options.Flatten ? new TensorShape(rows * columns) : new TensorShape(1, rows, columns);

        var targets = new Tensor(n, classes);
        float[] oneHot = targets.Buffer;
        for (int i = 0; i < n; i++) oneHot[i * classes + labelBytes[i]] = 1f;
        return (new Tensor(values, n, shape), targets, rows, columns);
    }
}
