using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Persistence;

public sealed class AtomicFileTests
{
    [Test]
    public void Write_WriterThrowsHalfway_LeavesTheOldFileAndNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("model.json");
        File.WriteAllText(path, "good");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial"u8);
            throw new IOException("disk full");
        }));

        Assert.That(File.ReadAllText(path), Is.EqualTo("good"));
        Assert.That(Directory.GetFiles(dir.Path), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void WriteAllText_ReplacesExistingFile()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("sub", "report.json");
        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllText(path, "two");
        Assert.That(File.ReadAllText(path), Is.EqualTo("two"));
        Assert.That(Directory.GetFiles(dir.Combine("sub")), Has.Length.EqualTo(1));
    }
}
