using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>The identity: f(x) = x, f'(x) = 1. Any sample shape; output shape = input shape.</summary>
[Component("linear", Aliases = ["identity"], Description = "Identity: f(x) = x.")]
public sealed class Linear : Activation
{
    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        input.ReadOnlySpan.CopyTo(output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        outputGradient.ReadOnlySpan.CopyTo(inputGradient.Span);
    }
}
