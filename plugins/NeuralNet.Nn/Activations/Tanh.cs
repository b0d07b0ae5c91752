using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>Hyperbolic tangent: f(x) = tanh x; f'(x) = 1 − f(x)². Element-wise; any sample shape; output shape = input shape.</summary>
[Component("tanh", Description = "Hyperbolic tangent.")]
public sealed class Tanh : Activation, IElementwiseActivation
{
    public override string? WeightInitializer => "glorot_uniform";

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.Tanh(input.ReadOnlySpan, output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.TanhBackward(output.ReadOnlySpan, outputGradient.ReadOnlySpan, inputGradient.Span);
    }

    public void Apply(Span<float> values) => ActivationKernels.Tanh(values, values);

    public void ScaleByDerivative(ReadOnlySpan<float> output, Span<float> gradient)
    {
        TensorChecks.SameLength(output.Length, gradient.Length, nameof(output), nameof(gradient));
        ActivationKernels.TanhBackward(output, gradient, gradient);
    }
}
