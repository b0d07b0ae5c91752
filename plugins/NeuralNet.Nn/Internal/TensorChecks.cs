using NeuralNet.Tensors;

namespace NeuralNet.Nn.Internal;

/// <summary>Shape checks shared by the components: a mismatch throws <see cref="ArgumentException"/> naming both shapes.</summary>
internal static class TensorChecks
{
    /// <summary>Both tensors hold the same number of samples of the same size.</summary>
    public static void SameSize(Tensor expected, Tensor actual, string expectedName, string actualName)
    {
        ArgumentNullException.ThrowIfNull(expected, expectedName);
        ArgumentNullException.ThrowIfNull(actual, actualName);
        if (expected.BatchSize != actual.BatchSize || expected.SampleSize != actual.SampleSize)
            throw new ArgumentException(
                $"{actualName} is {actual.ShapeString} but {expectedName} is {expected.ShapeString}; they must hold the same number of samples of the same size.",
                actualName);
    }

    /// <summary>Two spans of one tensor's values have the same length.</summary>
    public static void SameLength(int expected, int actual, string expectedName, string actualName)
    {
        if (expected != actual)
            throw new ArgumentException($"{actualName} holds {actual} values but {expectedName} holds {expected}; they must be the same length.", actualName);
    }
}
