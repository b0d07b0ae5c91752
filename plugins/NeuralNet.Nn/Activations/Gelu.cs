using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>Gaussian error linear unit, the exact (erf) form that is PyTorch's default: f(x) = x·Φ(x) = x/2·(1 + erf(x/√2)); f'(x) = Φ(x) + x·φ(x). Element-wise; any sample shape; output shape = input shape.</summary>
[Component("gelu", Description = "GELU, exact: x * Phi(x) = x/2 * (1 + erf(x / sqrt 2)).")]
public sealed class Gelu : Activation
{
    public override string? WeightInitializer => "he_uniform";

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.Gelu(input.ReadOnlySpan, output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.GeluBackward(input.ReadOnlySpan, outputGradient.ReadOnlySpan, inputGradient.Span);
    }
}
