using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.Activations;

/// <summary>
/// A parameter-free function applied to each sample of a batch, element-wise (<c>relu</c>) or across a sample
/// (<c>softmax</c>). The engine wraps it in a layer; a layer's <c>"Activation"</c> config key is shorthand for
/// an activation layer after it.
/// </summary>
[ComponentFamily("activation")]
public interface IActivation
{
    /// <summary>output = f(input). Shapes are equal; output is never the same tensor as input.</summary>
    void Forward(Tensor input, Tensor output);

    /// <summary>inputGradient = outputGradient · f'(input), given the <paramref name="input"/> and <paramref name="output"/> of the last forward.</summary>
    void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient);
}
