using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.ThrowingPlugin;

/// <summary>An activation whose constructor always fails, as a buggy plugin's might.</summary>
[Component("test>throws")]
public sealed class ThrowingActivation : Activation
{
    public ThrowingActivation() => throw new NullReferenceException("the fixture component fails on purpose");

    public override void Forward(Tensor input, Tensor output) { }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient) { }
}
