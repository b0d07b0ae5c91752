using Microsoft.Extensions.DependencyInjection;

namespace NeuralNet.Plugins;

/// <summary>
/// Optional hook: a plugin with a public class implementing this adds services of its own (an image decoder,
/// a native-library probe) beyond the components found through <see cref="Components.ComponentAttribute"/>,
/// which the loader registers without it.
/// </summary>
/// <remarks>
/// Calling order: the host loads the plugin, registers its components, then creates each module with its public
/// parameterless constructor and calls <see cref="ConfigureServices"/> once, before the service container is built
/// (so no service can be resolved yet). Anything it throws stops the host with exit code 6, naming the plugin file.
/// </remarks>
public interface IPluginModule
{
    /// <summary>Adds the plugin's services; components may then take them in their constructors.</summary>
    void ConfigureServices(IServiceCollection services);
}
