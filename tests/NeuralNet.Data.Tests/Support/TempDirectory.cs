using System.Text;

namespace NeuralNet.Data.Tests.Support;

/// <summary>A fresh folder under the system temp folder for one test's files, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "neuralnet-data-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>A context whose relative paths resolve here.</summary>
    public DataLoadContext Context(int seed = 1) => new(Path, new Random(seed), "Experiment:Data");

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark and returns the full path.</summary>
    public string Write(string name, string text) => WriteBytes(name, new UTF8Encoding(false).GetBytes(text));

    public string WriteBytes(string name, byte[] bytes)
    {
        string full = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a reader still closing its handle must not fail the test.
        }
    }
}
