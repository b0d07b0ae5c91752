using NeuralNet.Components;

namespace NeuralNet.Initializers;

/// <summary>Fills a parameter's initial values. Fan-in and fan-out are those of the layer (for a dense kernel: inputs and units).</summary>
[ComponentFamily("initializer")]
public interface IInitializer
{
    void Initialize(Span<float> values, int fanIn, int fanOut, Random random);
}
