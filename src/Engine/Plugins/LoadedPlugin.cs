using System.Reflection;
using System.Runtime.Loader;
using NeuralNet.Engine.Components;

namespace NeuralNet.Engine.Plugins;

/// <summary>
/// A plugin the loader loaded: its name and main file, its load context (collectible when loaded so: unload it with
/// <see cref="AssemblyLoadContext.Unload"/>), its main assembly, the components it registered, and the SHA-256 (hex)
/// of every assembly file its folder holds, by full path.
/// </summary>
public sealed record LoadedPlugin(string Name, string Path, AssemblyLoadContext Context, Assembly Assembly,
    IReadOnlyList<ComponentDescriptor> Components, IReadOnlyDictionary<string, string> Sha256);
