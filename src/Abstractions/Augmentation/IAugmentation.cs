using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.Augmentation;

/// <summary>
/// A random transformation of training samples (<c>random_crop</c>, <c>horizontal_flip</c>), applied by the engine's
/// batch loader to training batches only, after normalisation, on its background thread. Configured per experiment as
/// <c>"Augmentation": [ { "Type": "random_crop", "Padding": 4 }, { "Type": "horizontal_flip" } ]</c>.
/// </summary>
/// <remarks>
/// Randomness must come from <see cref="AugmentationContext"/>'s counter-based stream (a pure function of the seed,
/// epoch, batch and the position within the batch), never from a shared <see cref="Random"/>, so runs are reproducible
/// and a resumed run sees the same augmentations. Work in place and allocate nothing per batch (scratch may be sized
/// in <see cref="Prepare"/>).
/// </remarks>
[ComponentFamily("augmentation")]
public interface IAugmentation
{
    /// <summary>Called once before training with the sample shape and the largest batch; reject shapes the augmentation cannot handle with <see cref="ArgumentException"/>.</summary>
    void Prepare(TensorShape sampleShape, int maxBatchSize);

    /// <summary>Transforms every sample of <paramref name="batch"/> in place.</summary>
    void Apply(Tensor batch, AugmentationContext context);
}
