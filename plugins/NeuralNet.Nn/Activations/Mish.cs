using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>Mish (Misra 2019): f(x) = x·tanh(ln(1 + eˣ)); f'(x) = t + x·σ(x)·(1 − t²), t = tanh(softplus(x)). Stable for large |x|. Element-wise; any sample shape; output shape = input shape.</summary>
[Component("mish", Description = "Mish: x * tanh(softplus(x)).")]
public sealed class Mish : Activation
{
    public override string? WeightInitializer => "he_uniform";

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.Mish(input.ReadOnlySpan, output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.MishBackward(input.ReadOnlySpan, outputGradient.ReadOnlySpan, inputGradient.Span);
    }
}
