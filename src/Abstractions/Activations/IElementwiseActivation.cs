using NeuralNet.Layers;

namespace NeuralNet.Activations;

/// <summary>
/// An activation applied to each value on its own whose derivative is a function of its output (<c>relu</c>,
/// <c>sigmoid</c>, <c>tanh</c>): the layer before it can apply it to its own output as it writes it, and its derivative
/// to the gradient it receives, instead of the activation layer making passes of its own over memory
/// (see <see cref="IFusesActivation"/>).
/// </summary>
public interface IElementwiseActivation : IActivation
{
    /// <summary>values[i] = f(values[i]), in place.</summary>
    void Apply(Span<float> values);

    /// <summary>gradient[i] = gradient[i] · f'(x[i]), in place, from the output y = f(x) alone.</summary>
    void ScaleByDerivative(ReadOnlySpan<float> output, Span<float> gradient);
}
