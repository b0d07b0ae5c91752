using Microsoft.Extensions.DependencyInjection;

namespace NeuralNet.Plugins;

/// <summary>
/// Optional hook: a plugin with a public class implementing this adds services of its own (an image decoder,
/// a native-library probe) beyond the components found through <see cref="Components.ComponentAttribute"/>,
/// which the loader registers without it.
/// </summary>
public interface IPluginModule
{
    void ConfigureServices(IServiceCollection services);
}
