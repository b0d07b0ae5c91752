using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeuralNet.Engine.Components;
using NeuralNet.Errors;
using NeuralNet.Kernels;
using NeuralNet.Plugins;
using McMasterPluginLoader = McMaster.NETCore.Plugins.PluginLoader;

namespace NeuralNet.Engine.Plugins;

/// <summary>
/// Loads every <c>&lt;dir&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c> under the configured directories, each into its own
/// load context (McMaster.NETCore.Plugins: named after the plugin, private dependencies from the plugin's
/// <c>.deps.json</c>, collectible on request), checks it against <see cref="PluginOptions"/> (links, allowed hashes)
/// and the contract version, registers its components by name and runs its <see cref="IPluginModule"/>s.
/// </summary>
public sealed partial class PluginLoader(ComponentRegistry registry, ILogger<PluginLoader> logger)
{
    /// <summary>
    /// The assemblies whose types plugins exchange with the host: the contracts, the kernels, and the logging
    /// abstractions a component may take in its constructor. They and everything they reference
    /// (<see cref="SharedAssemblies"/>) resolve from the host, so <c>ILayer</c> is one type everywhere.
    /// </summary>
    public static IReadOnlyList<Assembly> SharedRoots { get; } =
        [typeof(IPluginModule).Assembly, typeof(Gemm).Assembly, typeof(ILogger).Assembly];

    private static readonly Lazy<IReadOnlySet<string>> Shared = new(() => DependencyClosure(SharedRoots));

    /// <summary>The names of the assemblies every plugin shares with the host: <see cref="SharedRoots"/> and their dependency closure.</summary>
    public static IReadOnlySet<string> SharedAssemblies => Shared.Value;

    /// <summary>
    /// Loads the plugins found in <paramref name="directories"/> (missing directories are skipped) and registers
    /// their components in the registry and their services in <paramref name="services"/>.
    /// </summary>
    /// <exception cref="PluginLoadException">A plugin is refused or fails to load; the message names the file and the problem.</exception>
    public IReadOnlyList<LoadedPlugin> LoadAll(IEnumerable<string> directories, IServiceCollection services,
        PluginOptions? options = null, bool collectible = false)
    {
        options ??= new PluginOptions();
        string[] roots = directories.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToArray();
        // Where the scanned directories really are: a plugin must resolve to a place under one of them.
        string[] realRoots = roots.Where(Directory.Exists).Select(FileSystemLinks.RealPath).ToArray();
        var loaded = new List<LoadedPlugin>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string directory in roots)
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
                if (!File.Exists(file))
                {
                    ReportNotAPlugin(pluginDir, name);
                    continue;
                }
                if (options.Disabled.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    LogDisabled(name);
                    continue;
                }
                if (seen.TryGetValue(name, out string? first))
                    throw new PluginLoadException(file, $"a plugin named {name} is already loaded from {first}. Remove one of them.");
                seen[name] = file;
                if (!options.FollowLinks) RefuseLinksOutside(pluginDir, file, realRoots);
                loaded.Add(Load(file, services, collectible, options.AllowedSha256));
            }
        }
        return loaded;
    }

    /// <summary>Loads one plugin file into its own context.</summary>
    /// <param name="allowedSha256">When not empty, every assembly in the plugin's folder must have one of these hashes.</param>
    public LoadedPlugin Load(string file, IServiceCollection services, bool collectible = false, IReadOnlyCollection<string>? allowedSha256 = null)
    {
        file = Path.GetFullPath(file);
        string name = Path.GetFileNameWithoutExtension(file);
        IReadOnlyDictionary<string, string> hashes = HashAssemblies(Path.GetDirectoryName(file)!);
        if (allowedSha256 is { Count: > 0 })
        {
            var allowed = allowedSha256.Select(h => h.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            foreach (var (path, hash) in hashes)
                if (!allowed.Contains(hash))
                    throw new PluginLoadException(path, $"its SHA-256 {hash} is not in Plugins:AllowedSha256; not loaded. Add the hash to the list to allow this file.");
        }

        McMasterPluginLoader loader = McMasterPluginLoader.CreateFromAssemblyFile(file, config =>
        {
            config.IsUnloadable = collectible;
            foreach (string shared in SharedAssemblies) config.SharedAssemblies.Add(new AssemblyName(shared));
        });
        AssemblyLoadContext context = loader.LoadContext;
        Assembly assembly;
        try
        {
            assembly = loader.LoadDefaultAssembly();
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            loader.Dispose();
            throw new PluginLoadException(file, $"not a loadable .NET assembly: {e.Message}", e);
        }

        IReadOnlyList<ComponentDescriptor> components;
        try
        {
            ContractVersion.Check(assembly, file);
            components = registry.AddAssembly(assembly, file);
            AddKeyedServices(services, components);
            foreach (Type type in assembly.GetTypes().Where(t => typeof(IPluginModule).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }))
                RunModule(type, services, file);
        }
        catch (Exception e) when (e is not NeuralNetException)
        {
            loader.Dispose();
            throw new PluginLoadException(file, $"{e.GetType().Name}: {e.InnerException?.Message ?? e.Message}", e);
        }
        catch
        {
            loader.Dispose();
            throw;
        }

        foreach (var (path, hash) in hashes)
            LogAssembly(name, path, hash);
        LogLoaded(name, components.Count, file);
        return new LoadedPlugin(name, file, context, assembly, components, hashes);
    }

    private static void RunModule(Type type, IServiceCollection services, string file)
    {
        try
        {
            ((IPluginModule)Activator.CreateInstance(type)!).ConfigureServices(services);
        }
        catch (Exception e) when (e is not NeuralNetException)
        {
            Exception cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            throw new PluginLoadException(file, $"its plugin module {type.FullName} failed: {cause.GetType().Name}: {cause.Message}", cause);
        }
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

    /// <summary>A plugin folder or its file that resolves, through a link, outside every scanned directory is refused.</summary>
    private static void RefuseLinksOutside(string pluginDir, string file, string[] realRoots)
    {
        foreach (string path in new[] { pluginDir, file })
        {
            string real = FileSystemLinks.RealPath(path);
            if (!realRoots.Any(root => FileSystemLinks.IsUnder(real, root)))
                throw new PluginLoadException(file,
                    $"{path} resolves through a link to {real}, outside the plugin directories ({string.Join(", ", realRoots)}). " +
                    "Copy the plugin into a plugin directory, add its directory to Plugins:Paths, or set Plugins:FollowLinks=true.");
        }
    }

    /// <summary>A folder with no <c>&lt;Name&gt;/&lt;Name&gt;.dll</c>: a project's sources are skipped quietly, anything else is warned about.</summary>
    private void ReportNotAPlugin(string pluginDir, string name)
    {
        if (Directory.EnumerateFiles(pluginDir, "*.csproj").Any())
        {
            LogSourceFolder(pluginDir);
            return;
        }
        string[] found = Directory.EnumerateFiles(pluginDir, "*.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        LogNotAPlugin(pluginDir, name + ".dll", found.Length == 0 ? "no .dll files" : string.Join(", ", found));
    }

    /// <summary>SHA-256 (lower-case hex) of every <c>.dll</c> under the plugin's folder, by full path, in ordinal order.</summary>
    private static IReadOnlyDictionary<string, string> HashAssemblies(string folder)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(folder, "*.dll", SearchOption.AllDirectories))
        {
            using FileStream stream = File.OpenRead(path);
            hashes[path] = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        return hashes;
    }

    /// <summary>The names of <paramref name="roots"/> and of every assembly they reference, transitively, as the host resolves them.</summary>
    internal static IReadOnlySet<string> DependencyClosure(IEnumerable<Assembly> roots)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>(roots);
        while (pending.TryDequeue(out Assembly? assembly))
        {
            if (!names.Add(assembly.GetName().Name!)) continue;
            foreach (AssemblyName reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is null || names.Contains(reference.Name)) continue;
                pending.Enqueue(AssemblyLoadContext.Default.LoadFromAssemblyName(reference));
            }
        }
        return names;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Plugin {Name}: {Count} components from {File}")]
    private partial void LogLoaded(string name, int count, string file);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Plugin directory {Directory} does not exist; skipped")]
    private partial void LogDirectoryMissing(string directory);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Plugin {Name} is disabled in Plugins:Disabled")]
    private partial void LogDisabled(string name);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Plugin {Name}: assembly {Path} sha256 {Sha256}")]
    private partial void LogAssembly(string name, string path, string sha256);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Plugin folder {Folder} has no {Expected} (found: {Found}); not loaded. A plugin folder is named after its main assembly")]
    private partial void LogNotAPlugin(string folder, string expected, string found);

    [LoggerMessage(EventId = 106, Level = LogLevel.Debug, Message = "Plugin folder {Folder} holds a project's sources; skipped")]
    private partial void LogSourceFolder(string folder);
}
