using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>Softplus: f(x) = ln(1 + eˣ), computed stably as max(x, 0) + log1p(e^−|x|); f'(x) = σ(x). Element-wise; any sample shape; output shape = input shape.</summary>
[Component("softplus", Description = "Softplus: ln(1 + exp(x)).")]
public sealed class Softplus : Activation
{
    public override string? WeightInitializer => "he_uniform";

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.Softplus(input.ReadOnlySpan, output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.SoftplusBackward(input.ReadOnlySpan, outputGradient.ReadOnlySpan, inputGradient.Span);
    }
}
