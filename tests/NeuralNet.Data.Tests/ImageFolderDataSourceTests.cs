using System.Buffers.Binary;
using NeuralNet.Data.Tests.Support;
using NeuralNet.DataSources;
using NeuralNet.Errors;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralNet.Data.Tests;

public sealed class ImageFolderDataSourceTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string At(params string[] parts) => Path.Combine([_dir.Path, .. parts]);

    private DataSet Load(Action<ImageFolderDataSourceOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new ImageFolderDataSourceOptions { Path = "train" };
        configure?.Invoke(options);
        return new ImageFolderDataSource(options).Load(_dir.Context(), cancellationToken);
    }

    private DataFormatException LoadFails(Action<ImageFolderDataSourceOptions>? configure = null)
        => Assert.Throws<DataFormatException>(() => Load(configure))!;

    [Test]
    public void Load_ClassFoldersOfGreyPngs_ExactPixelsChannelFirstAndSortedClasses()
    {
        byte[] cat = ImageFiles.Bytes(4 * 3, seed: 1), dog = ImageFiles.Bytes(4 * 3, seed: 2), ant = ImageFiles.Bytes(4 * 3, seed: 3);
        ImageFiles.Write<L8>(At("train", "dog", "1.png"), 4, 3, dog);
        ImageFiles.Write<L8>(At("train", "cat", "1.png"), 4, 3, cat);
        ImageFiles.Write<L8>(At("train", "ant", "1.png"), 4, 3, ant);

        DataSet data = Load();

        Assert.That(data.ClassNames, Is.EqualTo(new[] { "ant", "cat", "dog" }));
        Assert.That(data.Features.ShapeString, Is.EqualTo("[3, 1, 3, 4]"));
        Assert.That(data.Targets.ShapeString, Is.EqualTo("[3, 3]"));
        Assert.That(data.Labels(), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(ant.Concat(cat).Concat(dog).Select(b => b / 255f).ToArray()));
        Assert.That(data.Test, Is.Null);
        Assert.That(data.Source, Does.Contain(At("train")).And.Contain("3 images").And.Contain("3 classes"));
    }

    [Test]
    public void Load_ScaleFalse_RawPixelValues()
    {
        byte[] pixels = [0, 1, 128, 255];
        ImageFiles.Write<L8>(At("train", "a", "x.png"), 2, 2, pixels);
        ImageFiles.Grey(At("train", "b", "x.png"), 2, 2, 9);

        DataSet data = Load(o => o.Scale = false);

        Assert.That(data.Features.Span[..4].ToArray(), Is.EqualTo(new float[] { 0, 1, 128, 255 }));
        Assert.That(data.Features.Span[4..].ToArray(), Is.All.EqualTo(9f));
    }

    [Test]
    public void Load_RgbFromRgbaPng_ThreePlanesExactAlphaDropped()
    {
        byte[] rgba = ImageFiles.Bytes(5 * 2 * 4, seed: 4);
        ImageFiles.Write<Rgba32>(At("train", "a", "x.png"), 5, 2, rgba);
        ImageFiles.Grey(At("train", "b", "y.png"), 5, 2, 7);
        byte[] rgb = rgba.Where((_, i) => i % 4 != 3).ToArray();

        DataSet data = Load(o => o.Color = ImageColor.Rgb);

        Assert.That(data.Features.ShapeString, Is.EqualTo("[2, 3, 2, 5]"));
        Assert.That(data.Features.Span[..30].ToArray(), Is.EqualTo(ImageFiles.ChannelFirst(rgb, 5, 2, 3)));
        Assert.That(data.Features.Span[30..].ToArray(), Is.All.EqualTo(7 / 255f), "a grey image is read as three equal planes");
    }

    [Test]
    public void Load_Rgba_FourPlanesExactOpaqueImagesGetFullAlpha()
    {
        byte[] rgba = ImageFiles.Bytes(3 * 3 * 4, seed: 5);
        ImageFiles.Write<Rgba32>(At("train", "a", "x.png"), 3, 3, rgba);
        byte[] rgb = ImageFiles.Bytes(3 * 3 * 3, seed: 6);
        ImageFiles.Write<Rgb24>(At("train", "b", "y.png"), 3, 3, rgb);

        DataSet data = Load(o => o.Color = ImageColor.Rgba);

        Assert.That(data.Features.ShapeString, Is.EqualTo("[2, 4, 3, 3]"));
        Assert.That(data.Features.Span[..36].ToArray(), Is.EqualTo(ImageFiles.ChannelFirst(rgba, 3, 3, 4)));
        Assert.That(data.Features.Span[36..63].ToArray(), Is.EqualTo(ImageFiles.ChannelFirst(rgb, 3, 3, 3)));
        Assert.That(data.Features.Span[63..72].ToArray(), Is.All.EqualTo(1f));
    }

    [Test]
    public void Load_GreyFromRgb_Bt709Luminance()
    {
        ImageFiles.Write<Rgb24>(At("train", "a", "red.png"), 1, 1, [255, 0, 0]);
        ImageFiles.Write<Rgb24>(At("train", "b", "green.png"), 1, 1, [0, 255, 0]);

        DataSet data = Load(o => o.Scale = false);

        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new[] { 0.2126f * 255, 0.7152f * 255 }).Within(1f));
    }

    [Test]
    public void Load_Jpeg_ApproximatelyTheColoursWritten()
    {
        byte[] rgb = Enumerable.Range(0, 8 * 8).SelectMany(_ => new byte[] { 200, 40, 90 }).ToArray();
        ImageFiles.Write<Rgb24>(At("train", "a", "x.jpg"), 8, 8, rgb);
        ImageFiles.Grey(At("train", "b", "y.JPEG"), 8, 8, 100);

        DataSet data = Load(o =>
        {
            o.Color = ImageColor.Rgb;
            o.Scale = false;
        });

        float[] values = data.Features.Span.ToArray();
        Assert.That(values[..64], Is.All.EqualTo(200f).Within(4f));
        Assert.That(values[64..128], Is.All.EqualTo(40f).Within(4f));
        Assert.That(values[128..192], Is.All.EqualTo(90f).Within(4f));
        Assert.That(values[192..], Is.All.EqualTo(100f).Within(2f));
    }

    [Test]
    public void Load_BmpAndGif_Read()
    {
        byte[] pixels = ImageFiles.Bytes(6 * 4, seed: 8);
        ImageFiles.Write<L8>(At("train", "a", "x.bmp"), 6, 4, pixels);
        ImageFiles.Grey(At("train", "b", "y.gif"), 6, 4, 255);

        DataSet data = Load(o => o.Scale = false);

        Assert.That(data.Features.Span[..24].ToArray(), Is.EqualTo(pixels.Select(b => (float)b).ToArray()).Within(1f));
        Assert.That(data.Features.Span[24..].ToArray(), Is.All.EqualTo(255f));
    }

    [Test]
    public void Load_WidthAndHeight_ResizesEveryImage()
    {
        ImageFiles.Grey(At("train", "a", "big.png"), 40, 30, 60);
        ImageFiles.Grey(At("train", "b", "small.png"), 5, 7, 250);

        DataSet data = Load(o =>
        {
            o.Width = 10;
            o.Height = 8;
        });

        Assert.That(data.Features.ShapeString, Is.EqualTo("[2, 1, 8, 10]"));
        Assert.That(data.Features.Span[..80].ToArray(), Is.All.EqualTo(60 / 255f).Within(1.5f / 255));
        Assert.That(data.Features.Span[80..].ToArray(), Is.All.EqualTo(250 / 255f).Within(1.5f / 255));
    }

    [Test]
    public void Load_DifferingSizesWithoutWidthAndHeight_ErrorNamesBothFilesAndSizes()
    {
        string first = ImageFiles.Grey(At("train", "a", "1.png"), 4, 4, 1);
        string second = ImageFiles.Grey(At("train", "b", "1.png"), 5, 3, 1);

        var error = LoadFails();

        Assert.That(error.File, Is.EqualTo(second));
        Assert.That(error.Message, Does.Contain(first).And.Contain("4x4").And.Contain("5x3").And.Contain("Width and Height"));
    }

    [Test]
    public void Load_TruncatedPng_ErrorNamesTheFile()
    {
        ImageFiles.Write<L8>(At("train", "a", "1.png"), 16, 16, ImageFiles.Bytes(256, seed: 9));
        string bad = ImageFiles.Write<L8>(At("train", "b", "1.png"), 16, 16, ImageFiles.Bytes(256, seed: 10));
        byte[] whole = File.ReadAllBytes(bad);
        File.WriteAllBytes(bad, whole[..(whole.Length / 2)]);

        var error = LoadFails();

        Assert.That(error.File, Is.EqualTo(bad), error.Message);
        Assert.That(error.Message, Does.Contain("cannot be decoded"));
    }

    [Test]
    public void Load_TextWithAnImageExtension_ErrorNamesTheFile()
    {
        ImageFiles.Grey(At("train", "a", "1.png"), 2, 2, 1);
        Directory.CreateDirectory(At("train", "b"));
        string bad = _dir.Write(Path.Combine("train", "b", "notes.png"), "not an image");

        var error = LoadFails();

        Assert.That(error.File, Is.EqualTo(bad));
        Assert.That(error.Message, Does.Contain("PNG, JPEG, BMP or GIF"));
    }

    [Test]
    public void Load_HeaderClaimingAHugeImage_RejectedBeforeDecoding()
    {
        ImageFiles.Grey(At("train", "a", "1.png"), 2, 2, 1);
        string bad = ImageFiles.Grey(At("train", "b", "1.png"), 2, 2, 1);
        byte[] png = File.ReadAllBytes(bad);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 100_000); // IHDR width
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 100_000); // IHDR height
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        File.WriteAllBytes(bad, png);

        var error = LoadFails(o =>
        {
            o.Width = 2;
            o.Height = 2;
        });

        Assert.That(error.File, Is.EqualTo(bad), error.Message);
        Assert.That(error.Message, Does.Contain("100000x100000").And.Contain("16384"));
    }

    [Test]
    public void Load_LabelsFile_ImagesFromThePathFolderClassesFromDistinctLabels()
    {
        byte[] b = ImageFiles.Bytes(4, seed: 11), a = ImageFiles.Bytes(4, seed: 12), c = ImageFiles.Bytes(4, seed: 13);
        ImageFiles.Write<L8>(At("train", "b.png"), 2, 2, b);
        ImageFiles.Write<L8>(At("train", "a.png"), 2, 2, a);
        ImageFiles.Write<L8>(At("train", "c.png"), 2, 2, c);
        ImageFiles.Grey(At("train", "unlisted.png"), 9, 9, 0); // not in labels.txt: not read, so its size does not matter
        _dir.Write(Path.Combine("train", "labels.txt"), "filename,label\nb.png,zebra\n\n# a comment\n a.png , horse\nc.png,zebra\n");

        DataSet data = Load(o => o.Labels = "labels.txt");

        Assert.That(data.ClassNames, Is.EqualTo(new[] { "horse", "zebra" }));
        Assert.That(data.Labels(), Is.EqualTo(new[] { 0, 1, 1 }), "ordered by file name: a, b, c");
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(a.Concat(b).Concat(c).Select(v => v / 255f).ToArray()));
    }

    [Test]
    public void Load_LabelsFileAbsolutePath_Read()
    {
        ImageFiles.Grey(At("train", "a.png"), 2, 2, 1);
        ImageFiles.Grey(At("train", "b.png"), 2, 2, 2);
        string labels = _dir.Write("elsewhere.csv", "a.png,x\nb.png,y\n");

        DataSet data = Load(o => o.Labels = labels);

        Assert.That(data.ClassNames, Is.EqualTo(new[] { "x", "y" }));
    }

    [Test]
    public void Load_LabelsLineNamingAMissingFile_ErrorNamesLabelsFileAndLine()
    {
        ImageFiles.Grey(At("train", "a.png"), 2, 2, 1);
        string labels = _dir.Write(Path.Combine("train", "labels.txt"), "a.png,x\n\nmissing.png,y\n");

        var error = LoadFails(o => o.Labels = "labels.txt");

        Assert.That(error.File, Is.EqualTo(labels));
        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("missing.png"));
    }

    [Test]
    public void Load_LabelsLineWithoutComma_ErrorNamesLine()
    {
        ImageFiles.Grey(At("train", "a.png"), 2, 2, 1);
        string labels = _dir.Write(Path.Combine("train", "labels.txt"), "a.png,x\na.png y\n");

        var error = LoadFails(o => o.Labels = "labels.txt");

        Assert.That(error.File, Is.EqualTo(labels));
        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("no comma"));
    }

    [Test]
    public void Load_LabelsFileListingAFileTwice_ErrorNamesBothLines()
    {
        ImageFiles.Grey(At("train", "a.png"), 2, 2, 1);
        _dir.Write(Path.Combine("train", "labels.txt"), "a.png,x\na.png,y\n");

        var error = LoadFails(o => o.Labels = "labels.txt");

        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("lines 1 and 2"));
    }

    [Test]
    public void Load_TestPath_TestSetWithTheTrainingClasses()
    {
        ImageFiles.Grey(At("train", "a", "1.png"), 2, 2, 1);
        ImageFiles.Grey(At("train", "b", "1.png"), 2, 2, 2);
        ImageFiles.Grey(At("train", "c", "1.png"), 2, 2, 3);
        ImageFiles.Grey(At("test", "c", "1.png"), 2, 2, 4);
        ImageFiles.Grey(At("test", "c", "2.png"), 2, 2, 5);
        ImageFiles.Grey(At("test", "b", "1.png"), 2, 2, 6);

        DataSet data = Load(o => o.TestPath = "test");

        Assert.That(data.Test, Is.Not.Null);
        Assert.That(data.Test!.ClassNames, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(data.Test.Labels(), Is.EqualTo(new[] { 1, 2, 2 }));
        Assert.That(data.Test.Features.Span.ToArray().Where((_, i) => i % 4 == 0), Is.EqualTo(new[] { 6 / 255f, 4 / 255f, 5 / 255f }));
        Assert.That(data.Test.Source, Does.Contain(At("test")));
    }

    [Test]
    public void Load_TestFolderWithAnUnknownClass_ErrorNamesTheClass()
    {
        ImageFiles.Grey(At("train", "a", "1.png"), 2, 2, 1);
        ImageFiles.Grey(At("train", "b", "1.png"), 2, 2, 2);
        ImageFiles.Grey(At("test", "a", "1.png"), 2, 2, 1);
        ImageFiles.Grey(At("test", "zebra", "1.png"), 2, 2, 1);

        var error = LoadFails(o => o.TestPath = "test");

        Assert.That(error.File, Is.EqualTo(At("test", "zebra")));
        Assert.That(error.Message, Does.Contain("'zebra'").And.Contain("a, b"));
    }

    [Test]
    public void Load_TestLabelsWithAnUnknownClass_ErrorNamesTheLine()
    {
        ImageFiles.Grey(At("train", "a.png"), 2, 2, 1);
        ImageFiles.Grey(At("train", "b.png"), 2, 2, 1);
        _dir.Write(Path.Combine("train", "labels.txt"), "a.png,x\nb.png,y\n");
        ImageFiles.Grey(At("test", "a.png"), 2, 2, 1);
        ImageFiles.Grey(At("test", "b.png"), 2, 2, 1);
        string testLabels = _dir.Write(Path.Combine("test", "labels.txt"), "a.png,x\nb.png,w\n");

        var error = LoadFails(o =>
        {
            o.Labels = "labels.txt";
            o.TestPath = "test";
        });

        Assert.That(error.File, Is.EqualTo(testLabels));
        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("'w'"));
    }

    [Test]
    public void Load_EmptyClassFolder_ErrorNamesTheFolder()
    {
        ImageFiles.Grey(At("train", "a", "1.png"), 2, 2, 1);
        Directory.CreateDirectory(At("train", "b"));
        _dir.Write(Path.Combine("train", "b", "readme.txt"), "no images here");

        var error = LoadFails();

        Assert.That(error.File, Is.EqualTo(At("train", "b")));
        Assert.That(error.Message, Does.Contain("no images"));
    }

    [Test]
    public void Load_FolderWithoutClassFolders_Error()
    {
        ImageFiles.Grey(At("train", "1.png"), 2, 2, 1);

        var error = LoadFails();

        Assert.That(error.File, Is.EqualTo(At("train")));
        Assert.That(error.Message, Does.Contain("no class folders").And.Contain("Labels"));
    }

    [Test]
    public void Load_SingleClass_Error()
    {
        ImageFiles.Grey(At("train", "only", "1.png"), 2, 2, 1);

        var error = LoadFails();

        Assert.That(error.Message, Does.Contain("single class"));
    }

    [Test]
    public void Load_MissingPath_ErrorNamesTheFolder()
    {
        var error = LoadFails(o => o.Path = "nowhere");

        Assert.That(error.File, Is.EqualTo(At("nowhere")));
        Assert.That(error.Message, Does.Contain("folder not found").And.Contain("Experiment:Data:Path"));
    }

    [Test]
    public void Load_HiddenAndNonImageFiles_SkippedAndOrderIsOrdinal()
    {
        ImageFiles.Grey(At("train", "a", "b.png"), 1, 1, 2);
        ImageFiles.Grey(At("train", "a", "B.png"), 1, 1, 1);
        ImageFiles.Grey(At("train", "a", "a10.png"), 1, 1, 4);
        ImageFiles.Grey(At("train", "a", "a9.png"), 1, 1, 5);
        ImageFiles.Grey(At("train", "a", ".hidden.png"), 1, 1, 99);
        _dir.Write(Path.Combine("train", "a", "notes.txt"), "skipped");
        _dir.Write(Path.Combine("train", "a", ".DS_Store"), "skipped");
        ImageFiles.Grey(At("train", "Z", "x.png"), 1, 1, 3);
        ImageFiles.Grey(At("train", ".git", "x.png"), 1, 1, 99);

        DataSet data = Load(o => o.Scale = false);
        DataSet again = Load(o => o.Scale = false);

        Assert.That(data.ClassNames, Is.EqualTo(new[] { "Z", "a" }));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 3, 1, 4, 5, 2 }), "Z/x, then a/B, a/a10, a/a9, a/b");
        Assert.That(again.Features.Span.ToArray(), Is.EqualTo(data.Features.Span.ToArray()));
        Assert.That(again.Labels(), Is.EqualTo(data.Labels()));
    }

    [Test]
    public void Load_ManyImages_ParallelDecodingKeepsEachInItsSlot()
    {
        for (int i = 0; i < 300; i++) ImageFiles.Grey(At("train", (i % 3).ToString(), $"{i:D3}.png"), 3, 2, (byte)(i % 251));

        DataSet data = Load(o => o.Scale = false);

        var expected = Enumerable.Range(0, 300).OrderBy(i => i % 3).ThenBy(i => i).SelectMany(i => Enumerable.Repeat((float)(i % 251), 6));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(expected.ToArray()));
    }

    [Test]
    public void Load_SeveralBadFiles_TheFirstInOrderIsReported()
    {
        ImageFiles.Grey(At("train", "a", "0.png"), 2, 2, 1);
        Directory.CreateDirectory(At("train", "b"));
        for (int i = 1; i < 40; i++) _dir.Write(Path.Combine("train", i < 20 ? "a" : "b", $"{i:D2}.png"), "broken");

        var error = LoadFails();

        Assert.That(error.File, Is.EqualTo(At("train", "a", "01.png")));
    }

    [Test]
    public void Load_Cancelled_Throws()
    {
        ImageFiles.Grey(At("train", "a", "1.png"), 2, 2, 1);
        ImageFiles.Grey(At("train", "b", "1.png"), 2, 2, 1);

        Assert.That(() => Load(cancellationToken: new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Constructor_WidthWithoutHeight_Rejected()
        => Assert.That(() => new ImageFolderDataSource(new ImageFolderDataSourceOptions { Path = "x", Width = 3 }),
            Throws.ArgumentException.With.Message.Contains("Height"));

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
