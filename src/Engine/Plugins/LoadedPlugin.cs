using System.Reflection;
using System.Runtime.Loader;
using NeuralNet.Engine.Components;

namespace NeuralNet.Engine.Plugins;

/// <summary>A plugin the loader loaded: its file, load context, main assembly and the components it registered.</summary>
public sealed record LoadedPlugin(string Name, string Path, AssemblyLoadContext Context, Assembly Assembly, IReadOnlyList<ComponentDescriptor> Components);
