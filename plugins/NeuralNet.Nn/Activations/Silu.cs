using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>Sigmoid-weighted linear unit: f(x) = x·σ(x); f'(x) = σ(x)·(1 + x·(1 − σ(x))). Element-wise; any sample shape; output shape = input shape.</summary>
[Component("silu", Description = "SiLU: x * sigmoid(x) (swish with Beta = 1).")]
public sealed class Silu : Activation
{
    public override string? WeightInitializer => "he_uniform";

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.Silu(input.ReadOnlySpan, output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.SiluBackward(input.ReadOnlySpan, outputGradient.ReadOnlySpan, inputGradient.Span);
    }
}
