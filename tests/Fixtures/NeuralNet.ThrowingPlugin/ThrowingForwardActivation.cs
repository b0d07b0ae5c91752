using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.ThrowingPlugin;

/// <summary>An activation that builds fine and fails in <see cref="Forward"/>, as a plugin with an indexing bug would.</summary>
[Component("test>throws_in_forward")]
public sealed class ThrowingForwardActivation : Activation
{
    public override void Forward(Tensor input, Tensor output) => throw new IndexOutOfRangeException("the fixture layer's Forward fails on purpose");

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient) { }
}
