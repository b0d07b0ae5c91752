using System.Diagnostics;
using System.Text;
using NeuralNet.Data;
using NeuralNet.Data.Tests.Support;
using NeuralNet.DataSources;
using NeuralNet.Errors;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralNet.Data.Tests;

/// <summary>
/// Each parser (CSV, IDX raw and gzip, image folder) on a few thousand mutated files, in-process: a load either
/// succeeds or throws <see cref="DataFormatException"/>, never anything else, never a hang or a huge allocation,
/// and the message quotes at most ~200 characters of the input. Special files (FIFOs, /dev/zero, folders) are refused
/// before they are opened.
/// </summary>
public sealed class ParserFuzzTests
{
    private static void Fuzz(string name, byte[] valid, int iterations, Func<TempDirectory, string, IDataSource> source, int seed)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir.Path, name))!);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            byte[] bytes = Mutate(valid, random);
            string path = dir.WriteBytes(name, bytes);
            try
            {
                source(dir, path).Load(dir.Context(), CancellationToken.None);
            }
            catch (DataFormatException e)
            {
                Assert.That(e.Message.Length, Is.LessThan(1500), $"Mutation {i} quotes too much: {e.Message}");
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {i} of {name} let {e.GetType().Name} escape: {e}\nbytes: {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 64)))}");
            }
        }
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(40)), $"{iterations} mutations of {name}");
    }

    /// <summary>1 to 4 byte changes, a cut, an insertion of bytes that matter to parsers, or a header byte set to an extreme.</summary>
    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = new List<byte>(valid);
        for (int k = random.Next(1, 5); k > 0 && bytes.Count > 0; k--)
        {
            int at = random.Next(Math.Min(bytes.Count, random.Next(2) == 0 ? 24 : bytes.Count));
            switch (random.Next(5))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes[at] = random.Next(2) == 0 ? (byte)0xff : (byte)0x7f; break;
                case 2: bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at)); break;
                case 3: bytes.InsertRange(at, Encoding.ASCII.GetBytes(new[] { ",", "\"", "\n", "\r\n", ",,,,,,,,", "1e999", "NaN", "\0" }[random.Next(8)])); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break; // truncated
            }
        }
        return [.. bytes];
    }

    [Test]
    public void Csv_MutatedFiles_OnlyDataFormatExceptionEscapes()
    {
        var csv = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 40; i++) csv.Append($"{i * 0.5},{i % 7},{-i},{(i % 3 == 0 ? "x" : "y")}\n");
        Fuzz("data.csv", Encoding.UTF8.GetBytes(csv.ToString()), 2000,
            (_, path) => new CsvDataSource(new CsvDataSourceOptions { Path = path }), 1);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Idx_MutatedFiles_OnlyDataFormatExceptionEscapes(bool gzip)
    {
        using var labels = new TempDirectory();
        string labelsPath = labels.WriteBytes("labels.idx", IdxWriter.Labels([1, 2, 3, 4, 5, 6], gzip));
        Fuzz("images.idx", IdxWriter.Images(6, 4, 3, IdxWriter.Pixels(6 * 12), gzip), 1500,
            (_, path) => new IdxDataSource(new IdxDataSourceOptions { TrainImages = path, TrainLabels = labelsPath }), 2);
    }

    [Test]
    public void ImageFolder_MutatedPngs_OnlyDataFormatExceptionEscapes()
    {
        using var source = new TempDirectory();
        string png = ImageFiles.Write<L8>(Path.Combine(source.Path, "x.png"), 5, 4, ImageFiles.Bytes(20, 3));
        byte[] valid = File.ReadAllBytes(png);
        Fuzz(Path.Combine("a", "0.png"), valid, 1000, (dir, _) =>
        {
            if (!File.Exists(Path.Combine(dir.Path, "b", "0.png"))) ImageFiles.Write<L8>(Path.Combine(dir.Path, "b", "0.png"), 5, 4, ImageFiles.Bytes(20, 4));
            return new ImageFolderDataSource(new ImageFolderDataSourceOptions { Path = dir.Path });
        }, 3);
    }

    [Test]
    public void SpecialFiles_AreRefusedBeforeTheyAreOpened()
    {
        using var dir = new TempDirectory();
        string fifo = Path.Combine(dir.Path, "fifo.csv");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        foreach (string path in new[] { fifo, "/dev/zero" })
        {
            var csv = Assert.Throws<DataFormatException>(() => new CsvDataSource(new CsvDataSourceOptions { Path = path }).Load(dir.Context(), CancellationToken.None))!;
            Assert.That(csv.Message, Does.Contain("not a regular file"));
            var idx = Assert.Throws<DataFormatException>(() => new IdxDataSource(new IdxDataSourceOptions { TrainImages = path, TrainLabels = path }).Load(dir.Context(), CancellationToken.None))!;
            Assert.That(idx.Message, Does.Contain("not a regular file"));
        }
    }

    [Test]
    public void IdxHeaderWhoseDimensionsMultiplyPast64Bits_IsADataError_BeforeAllocating()
    {
        using var dir = new TempDirectory();
        dir.WriteBytes("images.idx", IdxWriter.Encode(0x00000803, [int.MaxValue, int.MaxValue, int.MaxValue], new byte[16]));
        dir.WriteBytes("labels.idx", IdxWriter.Encode(0x00000801, [int.MaxValue], new byte[16]));
        var before = GC.GetTotalAllocatedBytes();
        var error = Assert.Throws<DataFormatException>(() => new IdxDataSource(new IdxDataSourceOptions { TrainImages = "images.idx", TrainLabels = "labels.idx", MaxSamples = int.MaxValue })
            .Load(dir.Context(), CancellationToken.None))!;
        Assert.That(error.Message, Does.Contain("2147483647 images of 2147483647x2147483647"));
        Assert.That(GC.GetTotalAllocatedBytes() - before, Is.LessThan(16 << 20));
    }

    [Test]
    public void GzipIdxDeclaringMoreThanItCanHold_IsADataError_BeforeAllocating()
    {
        using var dir = new TempDirectory();
        dir.WriteBytes("images.idx", IdxWriter.Encode(0x00000803, [1_000_000, 28, 28], new byte[100], gzip: true));
        dir.WriteBytes("labels.idx", IdxWriter.Labels(new byte[1_000_000], gzip: true));
        var before = GC.GetTotalAllocatedBytes();
        var error = Assert.Throws<DataFormatException>(() => new IdxDataSource(new IdxDataSourceOptions { TrainImages = "images.idx", TrainLabels = "labels.idx" })
            .Load(dir.Context(), CancellationToken.None))!;
        Assert.That(error.Message, Does.Contain("more than a gzip file of"));
        Assert.That(GC.GetTotalAllocatedBytes() - before, Is.LessThan(64 << 20));
    }

    [Test]
    public void CsvLabelColumnWithTensOfThousandsOfClasses_IsADataError_BeforeTheOneHotTargets()
    {
        using var dir = new TempDirectory();
        var csv = new StringBuilder("x,id\n");
        for (int i = 0; i < 20_000; i++) csv.Append($"{i % 5},user{i}\n");
        dir.Write("ids.csv", csv.ToString());
        var before = GC.GetTotalAllocatedBytes();
        var error = Assert.Throws<DataFormatException>(() => new CsvDataSource(new CsvDataSourceOptions { Path = "ids.csv" }).Load(dir.Context(), CancellationToken.None))!;
        Assert.That(error.Message, Does.Contain("column 'id' has 20000 distinct classes"));
        Assert.That(GC.GetTotalAllocatedBytes() - before, Is.LessThan(200 << 20), "The one-hot targets were allocated.");
    }
}
