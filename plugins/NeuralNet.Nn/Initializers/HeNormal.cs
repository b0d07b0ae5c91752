using NeuralNet.Components;
using NeuralNet.Initializers;
using NeuralNet.Kernels;

namespace NeuralNet.Nn.Initializers;

/// <summary>
/// He (Kaiming) normal: N(0, σ²) with σ = g / √fan, not truncated: PyTorch's kaiming_normal_; by default g = √2 (ReLU's
/// gain) and fan = fanIn, so σ = √(2 / fanIn). Options: <see cref="KaimingOptions.Gain"/>, <see cref="KaimingOptions.Mode"/>
/// (Keras's HeNormal truncates at 2σ and rescales σ instead).
/// Deterministic from the given random source; for a dense kernel fan-in is its inputs and fan-out its units.
/// </summary>
[Component("he_normal", Aliases = ["kaiming_normal"], Description = "He/Kaiming normal: N(0, 2 / fanIn), not truncated.")]
public sealed class HeNormal(KaimingOptions options) : IInitializer
{
    private readonly KaimingOptions _options = options;

    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        InitializerKernels.FillNormal(values, 0f, (float)(_options.Gain / Math.Sqrt(_options.Fan(fanIn, fanOut))), random);
    }
}
