using NeuralNet.Components;
using NeuralNet.Initializers;

namespace NeuralNet.Nn.Initializers;

/// <summary>Fills with <see cref="ConstantOptions.Value"/> (default 0).</summary>
[Component("constant", Description = "Every element set to Value.")]
public sealed class Constant(ConstantOptions options) : IInitializer
{
    private readonly float _value = options.Value;

    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random) => values.Fill(_value);
}
