using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuralNet.Host.Configuration;

namespace NeuralNet.Host.Worker;

/// <summary>Registers worker mode: the folder queue (unless another <see cref="IExperimentQueue"/> is registered), the health file and the worker.</summary>
public static class WorkerServiceCollectionExtensions
{
    public static IServiceCollection AddWorker(this IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            HostSettings settings = sp.GetRequiredService<HostSettings>();
            return new WorkerIdentity(settings.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}",
                Path.GetFullPath(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, settings.QueueDirectory)));
        });
        services.TryAddSingleton<IExperimentQueue>(sp =>
        {
            WorkerIdentity id = sp.GetRequiredService<WorkerIdentity>();
            return new FolderExperimentQueue(id.Queue, id.Name, sp.GetRequiredService<HostSettings>(), sp.GetRequiredService<ILogger<FolderExperimentQueue>>());
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
