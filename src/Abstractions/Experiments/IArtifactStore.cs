namespace NeuralNet.Experiments;

/// <summary>
/// Where a worker's runs keep their artifacts (checkpoints, models, reports, charts) so that every worker can reach
/// them: a run resumed on another machine needs its checkpoints, and the run registry stores their URIs.
/// </summary>
/// <remarks>
/// A run writes into <see cref="WorkingDirectory"/> (its <c>runs/</c> and <c>models/</c> folders go there) and
/// <see cref="Publish"/> makes a finished path durable in the store and names it. A shared-directory store (NFS in
/// production, a local folder in tests) writes in place and publishes <c>file://</c> URIs; an object store would
/// give a local folder and upload on publish (and download checkpoints before a resumed run, through the same pair).
/// </remarks>
public interface IArtifactStore
{
    /// <summary>The folder runs write their outputs into: <c>runs/</c> and <c>models/</c> lie under it.</summary>
    string WorkingDirectory { get; }

    /// <summary>Makes the file or folder at <paramref name="localPath"/> (under <see cref="WorkingDirectory"/>) durable in the store and returns its URI.</summary>
    Uri Publish(string localPath);
}
