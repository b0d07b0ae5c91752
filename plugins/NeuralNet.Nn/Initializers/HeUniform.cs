using NeuralNet.Components;
using NeuralNet.Initializers;
using NeuralNet.Kernels;

namespace NeuralNet.Nn.Initializers;

/// <summary>
/// He (Kaiming) uniform: U(−l, l) with l = √(6 / fanIn), as Keras's HeUniform and PyTorch's kaiming_uniform_ (ReLU gain, fan_in mode).
/// Deterministic from the given random source; for a dense kernel fan-in is its inputs and fan-out its units.
/// </summary>
[Component("he_uniform", Aliases = ["kaiming_uniform"], Description = "He/Kaiming uniform: U(-l, l), l = sqrt(6 / fanIn).")]
public sealed class HeUniform : IInitializer
{
    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        float limit = (float)Math.Sqrt(6.0 / fanIn);
        InitializerKernels.FillUniform(values, -limit, limit, random);
    }
}
