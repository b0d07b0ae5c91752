using Microsoft.Extensions.Logging;
using NeuralNet.Experiments;
using NeuralNet.Host.Configuration;

namespace NeuralNet.Host.Worker;

/// <summary>The embedded default queue (<c>Queue:Type=folder</c>): <see cref="FolderExperimentQueue"/> on <c>Host:QueueDirectory</c>; it keeps no run registry (each run's files are its record).</summary>
public sealed class FolderQueueProvider(HostSettings settings, ILoggerFactory loggers) : IExperimentQueueProvider
{
    public const string Type = "folder";

    /// <inheritdoc />
    public IExperimentQueue Open(QueueContext context)
        => new FolderExperimentQueue(Path.Combine(context.ContentRoot, settings.QueueDirectory), context.Worker, settings, loggers.CreateLogger<FolderExperimentQueue>());

    /// <inheritdoc />
    public IRunRegistry? OpenRegistry(QueueContext context) => null;
}
