using NeuralNet.Components;
using NeuralNet.Initializers;

namespace NeuralNet.Nn.Initializers;

/// <summary>Fills with 1.</summary>
[Component("ones", Description = "All ones.")]
public sealed class Ones : IInitializer
{
    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random) => values.Fill(1f);
}
