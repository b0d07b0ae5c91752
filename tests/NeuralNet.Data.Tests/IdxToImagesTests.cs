using NeuralNet.Data.Tests.Support;
using NeuralNet.DataSources;
using NeuralNet.IdxToImages;

namespace NeuralNet.Data.Tests;

public sealed class IdxToImagesTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [TestCase(false)]
    [TestCase(true)]
    public void Export_TinyIdx_ClassFoldersOfPngsThatImageFolderReadsBackExactly(bool gzip)
    {
        const int count = 12, rows = 4, columns = 3;
        byte[] labels = [3, 0, 1, 3, 2, 0, 1, 1, 2, 3, 0, 2];
        byte[] pixels = IdxWriter.Pixels(count * rows * columns);
        string images = _dir.WriteBytes("images.idx", IdxWriter.Images(count, rows, columns, pixels, gzip));
        string labelFile = _dir.WriteBytes("labels.idx", IdxWriter.Labels(labels, gzip));
        string outDir = Path.Combine(_dir.Path, "out");

        int written = IdxImageExport.Export(images, labelFile, outDir, classNames: ["zero", "one", "two", "three"]);

        Assert.That(written, Is.EqualTo(count));
        Assert.That(Directory.GetDirectories(outDir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "one", "three", "two", "zero" }));
        Assert.That(File.Exists(Path.Combine(outDir, "three", "00.png")), Is.True);
        Assert.That(File.Exists(Path.Combine(outDir, "two", "11.png")), Is.True);

        var data = new ImageFolderDataSource(new ImageFolderDataSourceOptions { Path = "out", Scale = false }).Load(_dir.Context(), CancellationToken.None);
        // Read back by class folder (one, three, two, zero), then index.
        string[] names = ["zero", "one", "two", "three"];
        int[] order = Enumerable.Range(0, count).OrderBy(i => names[labels[i]], StringComparer.Ordinal).ThenBy(i => i).ToArray();
        float[] expected = order.SelectMany(i => pixels.Skip(i * rows * columns).Take(rows * columns)).Select(b => (float)b).ToArray();
        Assert.That(data.Features.ShapeString, Is.EqualTo($"[{count}, 1, {rows}, {columns}]"));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(expected));
        Assert.That(data.Labels().Select(l => data.ClassNames![l]), Is.EqualTo(order.Select(i => names[labels[i]])));
    }

    [Test]
    public void Export_TenClassesAndLimit_FashionMnistNamesAndOnlyTheFirstImages()
    {
        byte[] labels = [9, 0, 5, 7, 1, 2, 3, 4, 6, 8];
        string images = _dir.WriteBytes("images.idx", IdxWriter.Images(labels.Length, 2, 2, IdxWriter.Pixels(labels.Length * 4)));
        string labelFile = _dir.WriteBytes("labels.idx", IdxWriter.Labels(labels));
        string outDir = Path.Combine(_dir.Path, "out");

        int written = IdxImageExport.Export(images, labelFile, outDir, limit: 3);

        Assert.That(written, Is.EqualTo(3));
        Assert.That(Directory.GetFiles(outDir, "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(outDir, f)).Order(),
            Is.EqualTo(new[] { Path.Combine("Ankle_boot", "0.png"), Path.Combine("Sandal", "2.png"), Path.Combine("T-shirt_top", "1.png") }));
    }

    [Test]
    public void Export_LabelWithoutAClassName_InvalidData()
    {
        string images = _dir.WriteBytes("images.idx", IdxWriter.Images(2, 1, 1, [1, 2]));
        string labelFile = _dir.WriteBytes("labels.idx", IdxWriter.Labels([0, 2]));

        Assert.That(() => IdxImageExport.Export(images, labelFile, Path.Combine(_dir.Path, "out"), classNames: ["a", "b"]),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("label 2"));
    }

    [Test]
    public void Export_TruncatedImages_InvalidData()
    {
        byte[] whole = IdxWriter.Images(2, 2, 2, IdxWriter.Pixels(8));
        string images = _dir.WriteBytes("images.idx", whole[..^1]);
        string labelFile = _dir.WriteBytes("labels.idx", IdxWriter.Labels([0, 1]));

        Assert.That(() => IdxImageExport.Export(images, labelFile, Path.Combine(_dir.Path, "out")),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("expected 8 bytes"));
    }
}
