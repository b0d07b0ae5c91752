using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>
/// Exponential linear unit: f(x) = x for x &gt; 0, else alpha·(eˣ − 1); f'(x) = 1 for x &gt; 0, else f(x) + alpha.
/// Options: <see cref="EluOptions.Alpha"/> (1.0). Element-wise; any sample shape; output shape = input shape.
/// </summary>
[Component("elu", Description = "ELU: x if x > 0 else Alpha * (exp(x) - 1).")]
public sealed class Elu(EluOptions options) : Activation
{
    public override string? WeightInitializer => "he_uniform";

    private readonly float _alpha = options.Alpha;

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.Elu(input.ReadOnlySpan, _alpha, output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.EluBackward(input.ReadOnlySpan, output.ReadOnlySpan, outputGradient.ReadOnlySpan, _alpha, inputGradient.Span);
    }
}
