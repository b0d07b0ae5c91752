using NeuralNet.Data.Tests.Support;
using NeuralNet.DataSources;
using NeuralNet.Errors;
using NeuralNet.InputReaders;
using NeuralNet.Testing;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralNet.Data.Tests;

/// <summary>
/// The <c>image</c> input reader reads one file exactly as <c>image_folder</c> reads it, by the options the source
/// records in <see cref="DataSet.Input"/>: colour, size (resizing another), scaling.
/// </summary>
public sealed class ImageInputReaderTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string At(params string[] parts) => Path.Combine([_dir.Path, .. parts]);

    [Test]
    public void Registry_NameResolvesToTheReader()
        => Conformance.AssertResolvesByName<IInputReader>(typeof(ImageInputReader));

    [Test]
    public void Options_RoundTrip()
        => Conformance.AssertOptionsRoundTrip<IInputReader>(typeof(ImageInputReader), "image",
            new Dictionary<string, string?> { ["Color"] = "Rgba", ["Width"] = "7", ["Height"] = "5", ["Scale"] = "false" });

    [Test]
    public void Options_WithoutWidthAndHeight_NameBothKeys()
    {
        var e = Assert.Throws<ConfigurationException>(() => Conformance.Create<IInputReader>(typeof(ImageInputReader), "image"))!;
        Assert.That(e.Message, Does.Contain("Width").And.Contain("Height"));
    }

    /// <summary>Every colour mode and scaling, with and without a resize: the sample equals the source's for the same file.</summary>
    [TestCase(ImageColor.Grey, true, 0, 0)]
    [TestCase(ImageColor.Rgb, true, 0, 0)]
    [TestCase(ImageColor.Rgba, false, 0, 0)]
    [TestCase(ImageColor.Rgb, true, 4, 3)]
    [TestCase(ImageColor.Grey, false, 9, 11)]
    public void Read_EqualsWhatImageFolderLoads_FromTheRecordItReports(ImageColor color, bool scale, int width, int height)
    {
        ImageFiles.Write<Rgba32>(At("train", "a", "x.png"), 6, 5, ImageFiles.Bytes(6 * 5 * 4, seed: 1));
        ImageFiles.Write<Rgb24>(At("train", "b", "y.png"), 6, 5, ImageFiles.Bytes(6 * 5 * 3, seed: 2));
        var options = new ImageFolderDataSourceOptions { Path = "train", Color = color, Scale = scale };
        if (width > 0) (options.Width, options.Height) = (width, height);
        DataSet data = new ImageFolderDataSource(options).Load(_dir.Context(), CancellationToken.None);

        InputFormat input = data.Input!;
        Assert.That(input.Reader, Is.EqualTo(ImageInputReader.Name));
        var recorded = (ImageInputReaderOptions)input.Options!;
        Assert.That((recorded.Color, recorded.Scale, recorded.Width, recorded.Height), Is.EqualTo((color, scale, width > 0 ? width : 6, width > 0 ? height : 5)));

        var reader = new ImageInputReader(recorded);
        Assert.That(reader.SampleShape, Is.EqualTo(data.FeatureShape));
        var sample = new float[reader.SampleShape.Size];
        foreach (var (file, index) in new[] { (At("train", "a", "x.png"), 0), (At("train", "b", "y.png"), 1) })
        {
            reader.Read(file, sample);
            Assert.That(sample, Is.EqualTo(data.Features.Sample(index).ToArray()), file);
        }
    }

    [Test]
    public void Read_AnotherSize_IsResizedToTheRecordedOne()
    {
        ImageFiles.Grey(At("big.png"), 20, 16, 200);
        var reader = new ImageInputReader(new ImageInputReaderOptions { Width = 4, Height = 3 });
        var sample = new float[12];
        reader.Read(At("big.png"), sample);
        Assert.That(sample, Is.All.EqualTo(200 / 255f).Within(1e-6f));
    }

    [Test]
    public void Accepts_ImageExtensionsOnly_AnyCase()
    {
        var reader = new ImageInputReader(new ImageInputReaderOptions { Width = 2, Height = 2 });
        Assert.That(new[] { "a.png", "b.JPG", "c.jpeg", "d.bmp", "e.Gif" }.All(reader.Accepts), Is.True);
        Assert.That(new[] { "a.txt", "b", "c.png.tmp", "labels.csv" }.Any(reader.Accepts), Is.False);
    }

    [Test]
    public void Read_TruncatedOrMissingOrEmptyFile_IsADataErrorNamingIt()
    {
        byte[] png = File.ReadAllBytes(ImageFiles.Write<L8>(At("whole.png"), 8, 8, ImageFiles.Bytes(64, seed: 3)));
        File.WriteAllBytes(At("half.png"), png[..(png.Length / 2)]);
        File.WriteAllBytes(At("empty.png"), []);
        var reader = new ImageInputReader(new ImageInputReaderOptions { Width = 8, Height = 8 });
        var sample = new float[64];
        foreach (string name in new[] { "half.png", "missing.png", "empty.png" })
        {
            var e = Assert.Throws<DataFormatException>(() => reader.Read(At(name), sample))!;
            Assert.That(e.Message, Does.Contain(name));
        }
    }

    [Test]
    public void Read_DestinationOfAnotherSize_Throws()
    {
        ImageFiles.Grey(At("x.png"), 2, 2, 1);
        var reader = new ImageInputReader(new ImageInputReaderOptions { Width = 2, Height = 2 });
        Assert.Throws<ArgumentException>(() => reader.Read(At("x.png"), new float[3]));
    }
}
