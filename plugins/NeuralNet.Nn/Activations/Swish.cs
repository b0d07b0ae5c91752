using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>
/// Swish (Ramachandran et al. 2017): f(x) = x·σ(β·x); f'(x) = s + β·x·s·(1 − s), s = σ(β·x). Options:
/// <see cref="SwishOptions.Beta"/> (1.0, which is <c>silu</c>). Element-wise; any sample shape; output shape = input shape.
/// </summary>
[Component("swish", Description = "Swish: x * sigmoid(Beta * x); Beta = 1 is SiLU.")]
public sealed class Swish(SwishOptions options) : Activation
{
    public override string? WeightInitializer => "he_uniform";

    private readonly float _beta = options.Beta;

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.Swish(input.ReadOnlySpan, _beta, output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.SwishBackward(input.ReadOnlySpan, outputGradient.ReadOnlySpan, _beta, inputGradient.Span);
    }
}
