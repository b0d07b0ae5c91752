using System.Reflection;
using NeuralNet.Errors;
using NeuralNet.Plugins;

namespace NeuralNet.Engine.Plugins;

/// <summary>
/// Which contract versions a plugin may be built against. The rule: the plugin's reference to
/// <c>NeuralNet.Abstractions</c> has the host's major version and a minor version no newer than the host's.
/// A new major version may change or remove contracts; a new minor version only adds to them, so a plugin built
/// against 1.2 runs on a 1.3 host, not on a 1.1 host (it may call what 1.1 lacks), nor on a 2.x host.
/// </summary>
internal static class ContractVersion
{
    /// <summary>The contracts assembly's name, as plugins reference it.</summary>
    public static AssemblyName Host { get; } = typeof(IPluginModule).Assembly.GetName();

    /// <summary>Whether a plugin built against <paramref name="built"/> can run on contracts <paramref name="host"/>.</summary>
    public static bool IsCompatible(Version built, Version host) => built.Major == host.Major && built.Minor <= host.Minor;

    /// <summary>Refuses <paramref name="plugin"/> when it references an incompatible version of the contracts.</summary>
    /// <exception cref="PluginLoadException">Naming the file, the version it was built against and the host's.</exception>
    public static void Check(Assembly plugin, string file)
    {
        AssemblyName? reference = plugin.GetReferencedAssemblies()
            .FirstOrDefault(r => string.Equals(r.Name, Host.Name, StringComparison.OrdinalIgnoreCase));
        if (reference?.Version is not { } built || Host.Version is not { } host || IsCompatible(built, host)) return;
        throw new PluginLoadException(file,
            $"built against {Host.Name} {built}, but this host has {Host.Name} {host}. A plugin must be built against the " +
            $"host's major version ({host.Major}.x) and no newer minor version; rebuild it against NeuralNet.Abstractions {host.ToString(3)}.");
    }
}
