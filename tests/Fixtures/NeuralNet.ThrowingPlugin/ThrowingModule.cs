using Microsoft.Extensions.DependencyInjection;
using NeuralNet.Plugins;

namespace NeuralNet.ThrowingPlugin;

/// <summary>Throws from <see cref="ConfigureServices"/> when the environment variable <c>NEURALNET_TEST_THROWING_MODULE</c> is set.</summary>
public sealed class ThrowingModule : IPluginModule
{
    public void ConfigureServices(IServiceCollection services)
    {
        if (Environment.GetEnvironmentVariable("NEURALNET_TEST_THROWING_MODULE") is { Length: > 0 })
            throw new InvalidOperationException("the fixture module fails on purpose");
    }
}
