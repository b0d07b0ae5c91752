using Microsoft.Extensions.DependencyInjection;
using NeuralNet.Engine.Configuration;
using NeuralNet.Errors;
using NeuralNet.Experiments;

namespace NeuralNet.Host.Worker;

/// <summary>
/// Picks the <see cref="IExperimentQueueProvider"/> that <c>Queue:Type</c> names among those registered (the folder
/// queue by the host, others by plugins as keyed services), so the host never names a concrete queue.
/// </summary>
public sealed class QueueProviders(IReadOnlyList<string> types)
{
    /// <summary>The registered queue types, sorted.</summary>
    public IReadOnlyList<string> Types { get; } = types;

    /// <summary>The types registered in <paramref name="services"/>.</summary>
    public static QueueProviders From(IServiceCollection services)
        => new(services.Where(d => d.IsKeyedService && d.ServiceType == typeof(IExperimentQueueProvider) && d.ServiceKey is string)
            .Select(d => (string)d.ServiceKey!).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList());

    /// <exception cref="ConfigurationException">No provider is registered under <paramref name="type"/>.</exception>
    public void Check(string type)
    {
        if (!Types.Contains(type, StringComparer.OrdinalIgnoreCase))
            throw new ConfigurationException("Queue:Type", $"unknown queue type '{Quote.Short(type)}'. Known: {string.Join(", ", Types)} (a queue type comes from a plugin; see the 'plugins' command).");
    }

    /// <summary>The provider of <paramref name="settings"/>' type.</summary>
    public IExperimentQueueProvider Resolve(IServiceProvider services, QueueSettings settings)
    {
        Check(settings.Type);
        string key = Types.First(t => string.Equals(t, settings.Type, StringComparison.OrdinalIgnoreCase));
        return services.GetRequiredKeyedService<IExperimentQueueProvider>(key);
    }

    /// <summary>What a queue provider needs to open the queue in this process.</summary>
    public static QueueContext Context(IServiceProvider services)
    {
        QueueSettings settings = services.GetRequiredService<QueueSettings>();
        WorkerIdentity id = services.GetRequiredService<WorkerIdentity>();
        var host = services.GetRequiredService<Configuration.HostSettings>();
        string root = services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().ContentRootPath;
        return new QueueContext(settings, id.Name, TimeSpan.FromSeconds(host.LeaseSeconds), root);
    }
}
