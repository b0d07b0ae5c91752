using NeuralNet.Tensors;

namespace NeuralNet.Data;

/// <summary>
/// Samples readable by index in any order: the engine's batch loader reads a batch of indices at a time (on a
/// background thread, while the previous batch trains), so a set need not fit one array: a source may decode files
/// or read a memory-mapped file on demand. In-memory data sets implement it with <see cref="TensorSampleSet"/>.
/// </summary>
/// <remarks>
/// <see cref="Read"/> may be called from a thread other than the one that created the set, but never concurrently
/// with itself on the same set. Implementations must not allocate per call in steady state.
/// </remarks>
public interface ISampleSet
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Shape of one sample's features (<c>[784]</c>, <c>[1, 28, 28]</c>).</summary>
    TensorShape FeatureShape { get; }

    /// <summary>Shape of one sample's targets (<c>[classes]</c> one-hot, or <c>[outputs]</c>).</summary>
    TensorShape TargetShape { get; }

    /// <summary>
    /// Copies sample <c>indices[k]</c> into <paramref name="features"/> at <c>k · FeatureShape.Size</c> and its targets into
    /// <paramref name="targets"/> at <c>k · TargetShape.Size</c>.
    /// </summary>
    /// <exception cref="Errors.DataFormatException">A sample cannot be read (a file vanished or is corrupt).</exception>
    void Read(ReadOnlySpan<int> indices, Span<float> features, Span<float> targets);
}
