using Microsoft.Extensions.DependencyInjection;
using NeuralNet.Experiments;
using NeuralNet.Plugins;

namespace NeuralNet.Postgres;

/// <summary>Registers the PostgreSQL queue and run registry under <c>Queue:Type=postgres</c>.</summary>
public sealed class PostgresModule : IPluginModule
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
        => services.AddKeyedSingleton<IExperimentQueueProvider, PostgresQueueProvider>(PostgresQueueProvider.Type);
}
