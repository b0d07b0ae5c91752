namespace NeuralNet.Kernels.Threading;

/// <summary>Work divided into numbered parts that <see cref="WorkerPool"/> runs concurrently, each part exactly once.</summary>
internal interface IParallelWork
{
    /// <summary>Runs part <paramref name="part"/> (0-based); parts must not write to the same memory.</summary>
    void Execute(int part);
}
