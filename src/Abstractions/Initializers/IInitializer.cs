using NeuralNet.Components;

namespace NeuralNet.Initializers;

/// <summary>
/// Fills a parameter's initial values. A layer calls it once per parameter from <c>ILayer.Build</c>, after allocating
/// the parameter, with the layer's fan-in and fan-out (a dense kernel <c>[inputs, units]</c>: inputs and units; a
/// conv2d kernel <c>[filters, channels, kh, kw]</c>: channels·kh·kw and filters·kh·kw).
/// </summary>
[ComponentFamily("initializer")]
public interface IInitializer
{
    /// <summary>
    /// Overwrites every element of <paramref name="values"/> (the parameter's flat, row-major buffer, any shape).
    /// Draw only from <paramref name="random"/> (the experiment's seeded initialisation stream), in element order, so
    /// a seed gives the same weights on every machine.
    /// </summary>
    void Initialize(Span<float> values, int fanIn, int fanOut, Random random);
}
