using NeuralNet.Components;
using NeuralNet.Initializers;
using NeuralNet.Kernels;

namespace NeuralNet.Nn.Initializers;

/// <summary>
/// He (Kaiming) uniform: U(−l, l) with l = g·√(3 / fan), as PyTorch's kaiming_uniform_; by default g = √2 (ReLU's gain) and
/// fan = fanIn, so l = √(6 / fanIn) as Keras's HeUniform. Options: <see cref="KaimingOptions.Gain"/>, <see cref="KaimingOptions.Mode"/>.
/// Deterministic from the given random source; for a dense kernel fan-in is its inputs and fan-out its units.
/// </summary>
[Component("he_uniform", Aliases = ["kaiming_uniform"], Description = "He/Kaiming uniform: U(-l, l), l = sqrt(6 / fanIn).")]
public sealed class HeUniform(KaimingOptions options) : IInitializer
{
    private readonly KaimingOptions _options = options;

    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        float limit = (float)(_options.Gain * Math.Sqrt(3.0 / _options.Fan(fanIn, fanOut)));
        InitializerKernels.FillUniform(values, -limit, limit, random);
    }
}
