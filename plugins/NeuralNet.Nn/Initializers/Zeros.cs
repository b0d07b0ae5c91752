using NeuralNet.Components;
using NeuralNet.Initializers;

namespace NeuralNet.Nn.Initializers;

/// <summary>Fills with 0 (the usual bias initialiser).</summary>
[Component("zeros", Description = "All zeros.")]
public sealed class Zeros : IInitializer
{
    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random) => values.Clear();
}
