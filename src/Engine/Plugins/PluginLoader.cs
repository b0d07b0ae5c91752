using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeuralNet.Engine.Components;
using NeuralNet.Errors;
using NeuralNet.Plugins;

namespace NeuralNet.Engine.Plugins;

/// <summary>
/// Loads every <c>&lt;dir&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c> under the configured directories, each into its own
/// <see cref="AssemblyLoadContext"/>, registers its components by name and runs its <see cref="IPluginModule"/>s.
/// </summary>
public sealed partial class PluginLoader(ComponentRegistry registry, ILogger<PluginLoader> logger)
{
    /// <summary>Assemblies every plugin shares with the host: the contracts, the kernels and the extensions' abstractions.</summary>
    public static bool IsShared(AssemblyName name)
    {
        string n = name.Name ?? "";
        return n is "NeuralNet.Abstractions" or "NeuralNet.Kernels" or "System.Numerics.Tensors"
            || (n.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) && n.EndsWith(".Abstractions", StringComparison.Ordinal));
    }

    /// <summary>
    /// Loads the plugins found in <paramref name="directories"/> (missing directories are skipped) and registers
    /// their components in the registry and their services in <paramref name="services"/>.
    /// </summary>
    /// <exception cref="PluginLoadException">A plugin fails to load; the message names the file and the loader's errors.</exception>
    public IReadOnlyList<LoadedPlugin> LoadAll(IEnumerable<string> directories, IServiceCollection services,
        IReadOnlyCollection<string>? disabled = null, bool collectible = false)
    {
        var loaded = new List<LoadedPlugin>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string directory in directories.Select(Path.GetFullPath).Distinct())
        {
            if (!Directory.Exists(directory))
            {
                LogDirectoryMissing(directory);
                continue;
            }
            foreach (string pluginDir in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileName(pluginDir);
                string file = Path.Combine(pluginDir, name + ".dll");
                if (!File.Exists(file)) continue; // a source folder or something else: not a plugin
                if (disabled?.Contains(name, StringComparer.OrdinalIgnoreCase) == true)
                {
                    LogDisabled(name);
                    continue;
                }
                if (seen.TryGetValue(name, out string? first))
                    throw new PluginLoadException(file, $"a plugin named {name} is already loaded from {first}. Remove one of them.");
                seen[name] = file;
                loaded.Add(Load(file, services, collectible));
            }
        }
        return loaded;
    }

    /// <summary>Loads one plugin file into its own context.</summary>
    public LoadedPlugin Load(string file, IServiceCollection services, bool collectible = false)
    {
        file = Path.GetFullPath(file);
        var context = new PluginLoadContext(file, IsShared, collectible);
        Assembly assembly;
        try
        {
            assembly = context.LoadFromAssemblyPath(file);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            if (collectible) context.Unload();
            throw new PluginLoadException(file, $"not a loadable .NET assembly: {e.Message}", e);
        }

        IReadOnlyList<ComponentDescriptor> components;
        try
        {
            components = registry.AddAssembly(assembly, file);
            AddKeyedServices(services, components);
            foreach (Type type in assembly.GetTypes().Where(t => typeof(IPluginModule).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }))
            {
                var module = (IPluginModule)Activator.CreateInstance(type)!;
                module.ConfigureServices(services);
            }
        }
        catch (PluginLoadException e)
        {
            LogLoadFailed(file, e.Message);
            throw;
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException or MissingMethodException or TargetInvocationException)
        {
            LogLoadFailed(file, e.Message);
            throw new PluginLoadException(file, $"{e.GetType().Name}: {e.InnerException?.Message ?? e.Message}", e);
        }

        LogLoaded(Path.GetFileNameWithoutExtension(file), components.Count, file);
        return new LoadedPlugin(Path.GetFileNameWithoutExtension(file), file, context, assembly, components);
    }

    /// <summary>
    /// Registers each component in DI under its family interface, keyed by its canonical name, so a service can take
    /// <c>[FromKeyedServices("relu")] IActivation</c>. Each resolution is a new instance with default options, made by
    /// the registry (the same path as config); components with options from config are created through the registry.
    /// </summary>
    private void AddKeyedServices(IServiceCollection services, IReadOnlyList<ComponentDescriptor> components)
    {
        foreach (ComponentDescriptor d in components)
        {
            ComponentDescriptor descriptor = d;
            services.AddKeyedTransient(descriptor.Family, descriptor.Name,
                (_, _) => registry.Create(descriptor, options: null, configPath: $"services:{descriptor.FamilyName}:{descriptor.Name}"));
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Plugin {Name}: {Count} components from {File}")]
    private partial void LogLoaded(string name, int count, string file);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Plugin directory {Directory} does not exist; skipped")]
    private partial void LogDirectoryMissing(string directory);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Plugin {Name} is disabled in Plugins:Disabled")]
    private partial void LogDisabled(string name);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Plugin {File} failed to load: {Problem}")]
    private partial void LogLoadFailed(string file, string problem);
}
