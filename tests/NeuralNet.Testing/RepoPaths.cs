namespace NeuralNet.Testing;

/// <summary>Finds the repository from a test's output directory, for committed reference files and fixtures.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that holds NeuralNet.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NeuralNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No NeuralNet.sln above {AppContext.BaseDirectory}.");
    }
}
