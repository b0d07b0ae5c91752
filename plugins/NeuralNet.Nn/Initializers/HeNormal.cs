using NeuralNet.Components;
using NeuralNet.Initializers;
using NeuralNet.Kernels;

namespace NeuralNet.Nn.Initializers;

/// <summary>
/// He (Kaiming) normal: N(0, σ²) with σ = √(2 / fanIn), not truncated: PyTorch's kaiming_normal_ (ReLU gain, fan_in mode)
/// (Keras's HeNormal truncates at 2σ and rescales σ instead).
/// Deterministic from the given random source; for a dense kernel fan-in is its inputs and fan-out its units.
/// </summary>
[Component("he_normal", Aliases = ["kaiming_normal"], Description = "He/Kaiming normal: N(0, 2 / fanIn), not truncated.")]
public sealed class HeNormal : IInitializer
{
    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        InitializerKernels.FillNormal(values, 0f, (float)Math.Sqrt(2.0 / fanIn), random);
    }
}
