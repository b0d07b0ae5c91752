using NeuralNet.Tensors;

namespace NeuralNet.Augmentation;

/// <summary>
/// The random stream for one training batch: <see cref="Uniform"/> is a pure function of (<see cref="Key"/>, index),
/// and the key is derived from the experiment seed, the augmentation's position, the epoch and the batch.
/// </summary>
/// <param name="Key">The batch's stream key.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
public readonly record struct AugmentationContext(ulong Key, int Epoch, int Batch)
{
    /// <summary>A uniform float in [0, 1) for draw number <paramref name="index"/> of this batch (e.g. sample · draws + k).</summary>
    public float Uniform(long index) => CounterRandom.Uniform(Key, index);

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>) for draw number <paramref name="index"/>.</summary>
    public int Next(long index, int exclusiveMax) => (int)((CounterRandom.Bits(Key, index) >> 32) * (ulong)exclusiveMax >> 32);
}
