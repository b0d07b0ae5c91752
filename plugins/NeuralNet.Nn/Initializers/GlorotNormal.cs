using NeuralNet.Components;
using NeuralNet.Initializers;
using NeuralNet.Kernels;

namespace NeuralNet.Nn.Initializers;

/// <summary>
/// Glorot (Xavier) normal: N(0, σ²) with σ = g·√(2 / (fanIn + fanOut)), not truncated: PyTorch's xavier_normal_ (g = 1
/// by default; <see cref="GlorotOptions.Gain"/>)
/// (Keras's GlorotNormal truncates at 2σ and rescales σ instead).
/// Deterministic from the given random source; for a dense kernel fan-in is its inputs and fan-out its units.
/// </summary>
[Component("glorot_normal", Aliases = ["xavier_normal"], Description = "Glorot/Xavier normal: N(0, 2 / (fanIn + fanOut)), not truncated.")]
public sealed class GlorotNormal(GlorotOptions options) : IInitializer
{
    private readonly float _gain = options.Gain;

    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        InitializerKernels.FillNormal(values, 0f, (float)(_gain * Math.Sqrt(2.0 / ((double)fanIn + fanOut))), random);
    }
}
