using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>PyTorch's hard sigmoid: f(x) = relu6(x + 3)/6 = clamp(x/6 + 1/2, 0, 1); f'(x) = 1/6 on (−3, 3), else 0 (0 at ±3, as PyTorch). Keras 2's older form (0.2·x + 0.5) differs. Element-wise; any sample shape; output shape = input shape.</summary>
[Component("hard_sigmoid", Description = "Hard sigmoid (PyTorch): clamp(x / 6 + 1/2, 0, 1).")]
public sealed class HardSigmoid : Activation
{
    public override string? WeightInitializer => "glorot_uniform";

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.HardSigmoid(input.ReadOnlySpan, output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.HardSigmoidBackward(input.ReadOnlySpan, outputGradient.ReadOnlySpan, inputGradient.Span);
    }
}
