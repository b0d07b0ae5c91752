using NeuralNet.Experiments;

namespace NeuralNet.Host.Worker;

/// <summary>The run registry of the configured queue, or none (the folder queue keeps no registry); disposed with the container.</summary>
public sealed class RunRegistryHandle(IRunRegistry? registry) : IDisposable
{
    public IRunRegistry? Registry { get; } = registry;

    public void Dispose() => Registry?.Dispose();
}
