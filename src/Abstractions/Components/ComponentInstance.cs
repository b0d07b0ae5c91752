namespace NeuralNet.Components;

/// <summary>A created component with the canonical name it was registered under and the options it was built from.</summary>
/// <param name="Component">The component.</param>
/// <param name="Name">Its canonical registered name (aliases resolved).</param>
/// <param name="Options">The bound options object, or null for a component without options. Saved models serialise it.</param>
public sealed record ComponentInstance<T>(T Component, string Name, object? Options) where T : class;
