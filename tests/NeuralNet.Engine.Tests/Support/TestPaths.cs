using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Plugins;
using NeuralNet.Testing;

namespace NeuralNet.Engine.Tests.Support;

/// <summary>Where the built host, its built-in plugins and the fixture plugin are, for the configuration these tests were built in.</summary>
internal static class TestPaths
{
    /// <summary>Debug or Release: the folder under bin/ these tests run from.</summary>
    public static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string HostOutput => RepoPaths.Combine("src", "Host", "bin", Configuration, "net10.0");

    public static string HostDll => Path.Combine(HostOutput, "NeuralNet.Host.dll");

    public static string BuiltInPlugins => Path.Combine(HostOutput, "plugins");

    public static string FixturePlugin => Fixture("NeuralNet.TestPlugin");

    /// <summary>The build output of the fixture plugin project <paramref name="name"/> (tests/Fixtures/&lt;name&gt;).</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    /// <summary>A registry with every built-in plugin loaded, as the host has it.</summary>
    public static ComponentRegistry BuiltInRegistry()
    {
        var registry = new ComponentRegistry();
        new PluginLoader(registry, NullLogger<PluginLoader>.Instance).LoadAll([BuiltInPlugins], new ServiceCollection());
        return registry;
    }
}
