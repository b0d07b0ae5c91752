using NeuralNet.Components;
using NeuralNet.Initializers;
using NeuralNet.Kernels;

namespace NeuralNet.Nn.Initializers;

/// <summary>
/// Draws uniformly from [Min, Max), deterministically from the given random source.
/// Options: <see cref="RandomUniformOptions.Min"/> (−0.05), <see cref="RandomUniformOptions.Max"/> (0.05). Ignores fan-in and fan-out.
/// </summary>
[Component("uniform", Aliases = ["random_uniform"], Description = "Uniform on [Min, Max), default [-0.05, 0.05).")]
public sealed class RandomUniform(RandomUniformOptions options) : IInitializer
{
    private readonly float _min = options.Min;
    private readonly float _max = options.Max;

    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random)
        => InitializerKernels.FillUniform(values, _min, _max, random);
}
