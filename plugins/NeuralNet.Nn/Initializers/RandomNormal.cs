using NeuralNet.Components;
using NeuralNet.Initializers;
using NeuralNet.Kernels;

namespace NeuralNet.Nn.Initializers;

/// <summary>
/// Draws from N(Mean, Std²) by Box–Muller (not truncated), deterministically from the given random source.
/// Options: <see cref="RandomNormalOptions.Mean"/> (0), <see cref="RandomNormalOptions.Std"/> (0.05). Ignores fan-in and fan-out.
/// </summary>
[Component("normal", Aliases = ["random_normal"], Description = "Normal with Mean (0) and Std (0.05).")]
public sealed class RandomNormal(RandomNormalOptions options) : IInitializer
{
    private readonly float _mean = options.Mean;
    private readonly float _std = options.Std;

    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random)
        => InitializerKernels.FillNormal(values, _mean, _std, random);
}
