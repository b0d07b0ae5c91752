using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuralNet.Experiments;
using NeuralNet.Host.Configuration;

namespace NeuralNet.Host.Worker;

/// <summary>
/// Registers the experiment queue (the provider <c>Queue:Type</c> names: the folder queue or a plugin's), and worker
/// mode on top of it: the artifact store, the health file and the worker.
/// </summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>The queue, opened on first use (a database queue connects and migrates then), this process's worker identity, and the run registry when the queue keeps one.</summary>
    public static IServiceCollection AddExperimentQueue(this IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            HostSettings settings = sp.GetRequiredService<HostSettings>();
            return new WorkerIdentity(settings.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}",
                Path.GetFullPath(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, settings.QueueDirectory)));
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<QueueProviders>().Resolve(sp, sp.GetRequiredService<QueueSettings>()).Open(QueueProviders.Context(sp)));
        services.TryAddSingleton(sp => new RunRegistryHandle(sp.GetRequiredService<QueueProviders>().Resolve(sp, sp.GetRequiredService<QueueSettings>()).OpenRegistry(QueueProviders.Context(sp))));
        return services;
    }

    public static IServiceCollection AddWorker(this IServiceCollection services)
    {
        services.AddExperimentQueue();
        services.TryAddSingleton<IArtifactStore>(sp =>
        {
            string root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new DirectoryArtifactStore(sp.GetRequiredService<QueueSettings>().ArtifactsDirectory is { } shared ? Path.Combine(root, shared) : root);
        });
        services.TryAddSingleton(sp =>
        {
            WorkerIdentity id = sp.GetRequiredService<WorkerIdentity>();
            string file = sp.GetRequiredService<HostSettings>().HealthFile is { } f ? Path.Combine(id.Queue, f) : Path.Combine(id.Queue, "health", id.Name + ".json");
            return new WorkerHealth(Path.GetFullPath(file), id.Name);
        });
        services.AddSingleton<ILoggerProvider, WorkerProgressLogger>();
        services.AddHostedService<ExperimentWorker>();
        return services;
    }
}
