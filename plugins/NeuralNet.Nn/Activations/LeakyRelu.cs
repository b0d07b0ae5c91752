using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>
/// Leaky rectified linear unit: f(x) = x for x &gt; 0, else alpha·x; f'(x) = 1 for x &gt; 0, else alpha.
/// Options: <see cref="LeakyReluOptions.Alpha"/> (0.01). Element-wise; any sample shape; output shape = input shape.
/// </summary>
[Component("leaky_relu", Description = "Leaky ReLU: x if x > 0 else Alpha * x.")]
public sealed class LeakyRelu(LeakyReluOptions options) : Activation
{
    public override string? WeightInitializer => "he_uniform";

    private readonly float _alpha = options.Alpha;

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.LeakyRelu(input.ReadOnlySpan, _alpha, output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.LeakyReluBackward(input.ReadOnlySpan, outputGradient.ReadOnlySpan, _alpha, inputGradient.Span);
    }
}
