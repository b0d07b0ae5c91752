using NeuralNet.Components;

namespace NeuralNet.IncompatiblePlugin;

/// <summary>A component as the 0.9 contracts described one.</summary>
[Component("old>thing")]
public sealed class OldComponent;
