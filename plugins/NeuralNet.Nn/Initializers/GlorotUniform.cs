using NeuralNet.Components;
using NeuralNet.Initializers;
using NeuralNet.Kernels;

namespace NeuralNet.Nn.Initializers;

/// <summary>
/// Glorot (Xavier) uniform: U(−l, l) with l = g·√(6 / (fanIn + fanOut)), as PyTorch's xavier_uniform_ (and Keras's
/// GlorotUniform for g = 1, the default). Options: <see cref="GlorotOptions.Gain"/>.
/// Deterministic from the given random source; for a dense kernel fan-in is its inputs and fan-out its units.
/// </summary>
[Component("glorot_uniform", Aliases = ["xavier_uniform"], Description = "Glorot/Xavier uniform: U(-l, l), l = sqrt(6 / (fanIn + fanOut)).")]
public sealed class GlorotUniform(GlorotOptions options) : IInitializer
{
    private readonly float _gain = options.Gain;

    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        float limit = (float)(_gain * Math.Sqrt(6.0 / ((double)fanIn + fanOut)));
        InitializerKernels.FillUniform(values, -limit, limit, random);
    }
}
