using System.Reflection;
using System.Runtime.Loader;

namespace NeuralNet.Engine.Plugins;

/// <summary>
/// The load context of one plugin, named after its main assembly. Shared assemblies (the contracts, the kernels,
/// Microsoft.Extensions.*.Abstractions and what the host already has loaded of them) resolve from the default
/// context so types match across plugins; everything else resolves from the plugin's own <c>.deps.json</c>
/// through <see cref="AssemblyDependencyResolver"/>, managed and native.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly Func<AssemblyName, bool> _isShared;

    public PluginLoadContext(string mainAssemblyPath, Func<AssemblyName, bool> isShared, bool collectible)
        : base(Path.GetFileNameWithoutExtension(mainAssemblyPath), collectible)
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        _isShared = isShared;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (_isShared(assemblyName))
            return null; // fall back to the default context: one copy of each contract type
        string? path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
