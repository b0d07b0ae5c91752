using NeuralNet.Components;
using NeuralNet.Initializers;
using NeuralNet.Kernels;

namespace NeuralNet.Nn.Initializers;

/// <summary>
/// LeCun normal: N(0, σ²) with σ = √(1 / fanIn), not truncated (Keras's LecunNormal truncates at 2σ and rescales σ
/// instead). The initialiser SELU networks expect.
/// Deterministic from the given random source; for a dense kernel fan-in is its inputs and fan-out its units.
/// </summary>
[Component("lecun_normal", Description = "LeCun normal: N(0, 1 / fanIn), not truncated.")]
public sealed class LecunNormal : IInitializer
{
    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        InitializerKernels.FillNormal(values, 0f, (float)Math.Sqrt(1.0 / fanIn), random);
    }
}
