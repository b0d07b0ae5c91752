using NeuralNet.Testing;

namespace NeuralNet.Data.Tests.Support;

/// <summary>
/// The shared data sets (<c>shared/datasets</c>) beside the repository: <c>../shared</c> from the main checkout, or
/// further up from a worktree; null when absent, so a test can skip.
/// </summary>
internal static class SharedDatasets
{
    public static string? Find(string name)
    {
        for (var dir = new DirectoryInfo(RepoPaths.Root).Parent; dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "shared", "datasets", name);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
