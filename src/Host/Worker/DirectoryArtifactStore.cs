using NeuralNet.Experiments;

namespace NeuralNet.Host.Worker;

/// <summary>
/// The artifact store as a shared folder (NFS or similar in production, a local folder in tests): runs write into it
/// in place, so publishing is only naming. Every worker that mounts it resumes any run from its checkpoints.
/// </summary>
public sealed class DirectoryArtifactStore(string directory) : IArtifactStore
{
    /// <inheritdoc />
    public string WorkingDirectory { get; } = Path.GetFullPath(directory);

    /// <inheritdoc />
    public Uri Publish(string localPath)
    {
        string full = Path.GetFullPath(localPath);
        if (!Path.Exists(full)) throw new IOException($"{full}: not found; only written artifacts can be published.");
        return new Uri(full);
    }
}
