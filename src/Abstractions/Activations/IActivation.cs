using NeuralNet.Components;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Activations;

/// <summary>
/// A parameter-free layer applied to each sample of a batch, element-wise (<c>relu</c>) or across a sample
/// (<c>softmax</c>): output shape = input shape. It is an ordinary layer (registered in both the layer and the
/// activation family), so it can stand anywhere in <c>Model:Layers</c>; a layer's <c>"Activation"</c> config key is
/// shorthand for one after it. Derive from <see cref="Activation"/>, which does the layer plumbing, and write only
/// the two functions below.
/// </summary>
[ComponentFamily("activation")]
public interface IActivation : ILayer
{
    /// <summary>output = f(input). Shapes are equal; output is never the same tensor as input.</summary>
    void Forward(Tensor input, Tensor output);

    /// <summary>inputGradient = outputGradient · f'(input), given the <paramref name="input"/> and <paramref name="output"/> of the last forward.</summary>
    void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient);

    /// <summary>
    /// The registered initialiser that suits the weights of a layer followed by this activation, which such a layer
    /// uses when its own initialiser option is unset: <c>he_uniform</c> for the ReLU family (He et al. 2015),
    /// <c>glorot_uniform</c> for sigmoid, tanh and softmax (Glorot and Bengio 2010), <c>lecun_normal</c> for selu;
    /// null for no preference (the layer's own default).
    /// </summary>
    string? WeightInitializer => null;
}
