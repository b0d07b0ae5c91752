using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>Rectified linear unit: f(x) = max(x, 0); f'(x) = 1 for x &gt; 0, else 0 (0 at x = 0, as in PyTorch). Element-wise; any sample shape; output shape = input shape.</summary>
[Component("relu", Description = "Rectified linear unit: max(x, 0).")]
public sealed class Relu : Activation, IElementwiseActivation
{
    public override string? WeightInitializer => "he_uniform";

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.Relu(input.ReadOnlySpan, output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.ReluBackward(input.ReadOnlySpan, outputGradient.ReadOnlySpan, inputGradient.Span);
    }

    public void Apply(Span<float> values) => ActivationKernels.Relu(values, values);

    public void ScaleByDerivative(ReadOnlySpan<float> output, Span<float> gradient)
    {
        TensorChecks.SameLength(output.Length, gradient.Length, nameof(output), nameof(gradient));
        ActivationKernels.ReluBackward(output, gradient, gradient); // y > 0 exactly where x > 0
    }
}
