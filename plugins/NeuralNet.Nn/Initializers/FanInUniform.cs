using NeuralNet.Components;
using NeuralNet.Initializers;
using NeuralNet.Kernels;

namespace NeuralNet.Nn.Initializers;

/// <summary>
/// U(−l, l) with l = 1 / √fanIn: PyTorch's default for the weights and biases of Linear and Conv2d
/// (kaiming_uniform_ with a = √5 for weights, and the same bound for biases), so a model can start where the same
/// network in PyTorch would. Deterministic from the given random source; fan-in is a dense layer's inputs, a
/// convolution's C·KH·KW.
/// </summary>
[Component("fan_in_uniform", Aliases = ["pytorch_default"], Description = "U(-l, l), l = 1 / sqrt(fanIn): PyTorch's default for Linear and Conv2d.")]
public sealed class FanInUniform : IInitializer
{
    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        float limit = (float)(1 / Math.Sqrt(fanIn));
        InitializerKernels.FillUniform(values, -limit, limit, random);
    }
}
