using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralNet.Data.Tests.Support;
using NeuralNet.DataSources;
using NeuralNet.Errors;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Data.Tests;

public sealed class IdxDataSourceTests
{
    private const int Count = 7, Rows = 5, Columns = 3, Pixels = Rows * Columns;
    private static readonly byte[] Labels = [3, 0, 9, 1, 1, 5, 2];
    private static readonly byte[] PixelBytes = IdxWriter.Pixels(Count * Pixels);

    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private DataSet Load(Action<IdxDataSourceOptions>? configure = null)
    {
        var options = new IdxDataSourceOptions { TrainImages = "images.idx", TrainLabels = "labels.idx" };
        configure?.Invoke(options);
        return new IdxDataSource(options).Load(_dir.Context(), CancellationToken.None);
    }

    private void WritePair(bool gzip = false, byte[]? images = null, byte[]? labels = null)
    {
        _dir.WriteBytes("images.idx", images ?? IdxWriter.Images(Count, Rows, Columns, PixelBytes, gzip));
        _dir.WriteBytes("labels.idx", labels ?? IdxWriter.Labels(Labels, gzip));
    }

    private DataFormatException LoadFails(string file, Action<IdxDataSourceOptions>? configure = null)
    {
        var error = Assert.Throws<DataFormatException>(() => Load(configure))!;
        Assert.That(error.File, Is.EqualTo(Path.Combine(_dir.Path, file)), error.Message);
        return error;
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Load_RawOrGzip_FlatScaledPixelsAndOneHotDigitLabels(bool gzip)
    {
        WritePair(gzip);

        DataSet data = Load();

        Assert.That(data.Features.ShapeString, Is.EqualTo($"[{Count}, {Pixels}]"));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(PixelBytes.Select(b => b / 255f).ToArray()).Within(1e-7f));
        Assert.That(data.Targets.ShapeString, Is.EqualTo($"[{Count}, 10]"));
        Assert.That(data.Labels(), Is.EqualTo(Labels.Select(l => (int)l)));
        Assert.That(data.Targets.Span.ToArray().Sum(), Is.EqualTo(Count));
        Assert.That(data.ClassNames, Is.EqualTo(Enumerable.Range(0, 10).Select(i => i.ToString())));
        Assert.That(data.Test, Is.Null);
    }

    [Test]
    public void Load_RawFileNamedGz_DetectedByContentNotExtension()
    {
        _dir.WriteBytes("images.gz", IdxWriter.Images(Count, Rows, Columns, PixelBytes));
        _dir.WriteBytes("labels.bin", IdxWriter.Labels(Labels, gzip: true));

        DataSet data = Load(o =>
        {
            o.TrainImages = "images.gz";
            o.TrainLabels = "labels.bin";
        });

        Assert.That(data.Count, Is.EqualTo(Count));
        Assert.That(data.Features[0, Pixels - 1], Is.EqualTo(PixelBytes[Pixels - 1] / 255f));
    }

    [Test]
    public void Load_ManyPixelsOfEveryValue_VectorAndTailConversionAgreeWithDivision()
    {
        byte[] pixels = Enumerable.Range(0, 3 * 257).Select(i => (byte)(i * 7)).ToArray(); // 771 = not a vector multiple
        WritePair(images: IdxWriter.Images(3, 1, 257, pixels), labels: IdxWriter.Labels([0, 1, 2]));

        DataSet data = Load();

        for (int i = 0; i < pixels.Length; i++)
            Assert.That(data.Features.Buffer[i], Is.EqualTo(pixels[i] / 255f), $"pixel {i}");
    }

    [Test]
    public void Load_FlattenFalse_ChannelFirstImageShape()
    {
        WritePair();

        DataSet data = Load(o => o.Flatten = false);

        Assert.That(data.Features.SampleShape, Is.EqualTo(new TensorShape(1, Rows, Columns)));
        Assert.That(data.Features.ShapeString, Is.EqualTo($"[{Count}, 1, {Rows}, {Columns}]"));
    }

    [Test]
    public void Load_ScaleFalse_RawPixelValues()
    {
        WritePair();

        DataSet data = Load(o => o.Scale = false);

        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(PixelBytes.Select(b => (float)b).ToArray()));
        Assert.That(data.Features.Span.ToArray().Max(), Is.EqualTo(255f));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Load_MaxSamples_KeepsTheFirstSamples(bool gzip)
    {
        WritePair(gzip);

        DataSet data = Load(o => o.MaxSamples = 3);

        Assert.That(data.Count, Is.EqualTo(3));
        Assert.That(data.Labels(), Is.EqualTo(new[] { 3, 0, 9 }));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(PixelBytes[..(3 * Pixels)].Select(b => b / 255f).ToArray()));
    }

    [Test]
    public void Load_TestFiles_BecomeTheDataSetsTestPartitionUncapped()
    {
        WritePair();
        _dir.WriteBytes("test-images.idx", IdxWriter.Images(4, Rows, Columns, IdxWriter.Pixels(4 * Pixels, seed: 3), gzip: true));
        _dir.WriteBytes("test-labels.idx", IdxWriter.Labels([1, 2, 3, 4], gzip: true));

        DataSet data = Load(o =>
        {
            o.TestImages = "test-images.idx";
            o.TestLabels = "test-labels.idx";
            o.MaxSamples = 2;
        });

        Assert.That(data.Count, Is.EqualTo(2));
        Assert.That(data.Test, Is.Not.Null);
        Assert.That(data.Test!.Count, Is.EqualTo(4));
        Assert.That(data.Test.Labels(), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(data.Test.ClassNames, Is.EqualTo(data.ClassNames));
    }

    [Test]
    public void Load_TestImagesOfAnotherSize_Rejected()
    {
        WritePair();
        _dir.WriteBytes("test-images.idx", IdxWriter.Images(1, 2, 2, new byte[4]));
        _dir.WriteBytes("test-labels.idx", IdxWriter.Labels([1]));

        var error = LoadFails("test-images.idx", o =>
        {
            o.TestImages = "test-images.idx";
            o.TestLabels = "test-labels.idx";
        });

        Assert.That(error.Message, Does.Contain("2x2").And.Contain($"{Rows}x{Columns}"));
    }

    [Test]
    public void Load_CustomClassNames_AllowLabelsBelowTheirCount()
    {
        WritePair(labels: IdxWriter.Labels([0, 1, 2, 1, 0, 2, 2]));

        DataSet data = Load(o => o.ClassNames = ["cat", "dog", "bird"]);

        Assert.That(data.ClassNames, Is.EqualTo(new[] { "cat", "dog", "bird" }));
        Assert.That(data.Targets.ShapeString, Is.EqualTo($"[{Count}, 3]"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Load_TruncatedPixelData_NamesFileAndByteCounts(bool gzip)
    {
        WritePair(images: IdxWriter.Encode(0x00000803, [Count, Rows, Columns], PixelBytes[..^10], gzip));

        var error = LoadFails("images.idx");

        Assert.That(error.Message, Does.Contain($"expected {Count * Pixels} bytes of pixel data, found {Count * Pixels - 10}"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Load_ExtraBytesAfterPixelData_Rejected(bool gzip)
    {
        WritePair(images: IdxWriter.Encode(0x00000803, [Count, Rows, Columns], [.. PixelBytes, 1, 2], gzip));

        var error = LoadFails("images.idx");

        Assert.That(error.Message, Does.Contain($"expected {Count * Pixels} bytes of pixel data, found {Count * Pixels + 2}"));
    }

    [Test]
    public void Load_TruncatedLabels_NamesFileAndByteCounts()
    {
        WritePair(labels: IdxWriter.Encode(0x00000801, [Count], Labels[..^1]));

        var error = LoadFails("labels.idx");

        Assert.That(error.Message, Does.Contain($"expected {Count} bytes of label data, found {Count - 1}"));
    }

    [Test]
    public void Load_LabelsFileGivenAsImages_WrongMagicNamesBoth()
    {
        WritePair(images: IdxWriter.Labels(Labels));

        var error = LoadFails("images.idx");

        Assert.That(error.Message, Does.Contain("0x00000803").And.Contain("0x00000801"));
    }

    [Test]
    public void Load_NotAnIdxFile_WrongMagic()
    {
        WritePair(images: "hello, world, this is text"u8.ToArray());

        var error = LoadFails("images.idx");

        Assert.That(error.Message, Does.Contain("not an IDX images file"));
    }

    [Test]
    public void Load_FileEndsInsideHeader_Rejected()
    {
        WritePair(images: IdxWriter.Images(Count, Rows, Columns, [])[..10]);

        var error = LoadFails("images.idx");

        Assert.That(error.Message, Does.Contain("header"));
    }

    [Test]
    public void Load_LabelCountDiffersFromImageCount_NamesBothFiles()
    {
        WritePair(labels: IdxWriter.Labels(Labels[..^2]));

        var error = LoadFails("labels.idx");

        Assert.That(error.Message, Does.Contain($"{Count - 2} labels").And.Contain($"{Count} images").And.Contain("images.idx"));
    }

    [Test]
    public void Load_LabelOutOfRange_NamesItemAndClassCount()
    {
        WritePair(labels: IdxWriter.Labels([3, 0, 9, 1, 10, 5, 2]));

        var error = LoadFails("labels.idx");

        Assert.That(error.Message, Does.Contain("label 10 of item 5").And.Contain("10 classes"));
    }

    [Test]
    public void Load_MissingFile_NamesTheFullPath()
    {
        _dir.WriteBytes("labels.idx", IdxWriter.Labels(Labels));

        var error = LoadFails("images.idx");

        Assert.That(error.Message, Does.Contain(Path.Combine(_dir.Path, "images.idx")).And.Contain("not found"));
    }

    [Test]
    public void Load_CancelledToken_Throws()
    {
        WritePair();
        var source = new IdxDataSource(new IdxDataSourceOptions { TrainImages = "images.idx", TrainLabels = "labels.idx" });

        Assert.Throws<OperationCanceledException>(() => source.Load(_dir.Context(), new CancellationToken(canceled: true)));
    }

    [Test]
    public void Load_FashionMnistTestFiles_10000BalancedImagesOf28x28MatchingNumpy()
    {
        const string root = "/usr/share/datasets/fashion-mnist";
        if (!Directory.Exists(root)) Assert.Ignore($"{root} is absent (CI installs dataset-fashion-mnist).");
        JsonNode reference = ReferenceData.Load("tests/NeuralNet.Data.Tests/References/fashion_mnist_t10k.json");
        var options = new IdxDataSourceOptions
        {
            TrainImages = Path.Combine(root, "t10k-images-idx3-ubyte.gz"),
            TrainLabels = Path.Combine(root, "t10k-labels-idx1-ubyte.gz"),
            ClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        };

        var clock = Stopwatch.StartNew();
        DataSet data = new IdxDataSource(options).Load(_dir.Context(), CancellationToken.None);
        clock.Stop();

        Assert.That(data.Features.ShapeString, Is.EqualTo("[10000, 784]"));
        int[] labels = data.Labels();
        Assert.That(Enumerable.Range(0, 10).Select(c => labels.Count(l => l == c)), Is.EqualTo(Enumerable.Repeat(1000, 10)));
        Assert.That(labels[..20], Is.EqualTo(reference["first_labels"]!.AsArray().Select(n => n!.GetValue<int>())));
        Assert.That(data.Features.Sample(0).ToArray().Sum(), Is.EqualTo(reference["image0_scaled_sum"]!.GetValue<double>()).Within(1e-3));
        Assert.That(data.Features.Sample(9999).ToArray().Sum(), Is.EqualTo(reference["image9999_scaled_sum"]!.GetValue<double>()).Within(1e-3));
        Assert.That(data.Features.Span.ToArray().Average(), Is.EqualTo(reference["scaled_mean"]!.GetValue<double>()).Within(1e-5));
        Assert.That(data.ClassNames![labels[0]], Is.EqualTo("Ankle boot"));
        TestContext.Out.WriteLine($"Loaded the 10,000 Fashion-MNIST test images in {clock.ElapsedMilliseconds} ms.");
    }
}
