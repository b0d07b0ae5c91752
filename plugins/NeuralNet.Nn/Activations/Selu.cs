using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>
/// Scaled exponential linear unit (Klambauer et al. 2017): f(x) = λ·x for x &gt; 0, else λ·α·(eˣ − 1), with PyTorch's
/// fixed α ≈ 1.6733 and λ ≈ 1.0507 (self-normalising with <c>lecun_normal</c> weights); f'(x) = λ for x &gt; 0, else
/// f(x) + λ·α. Element-wise; any sample shape; output shape = input shape.
/// </summary>
[Component("selu", Description = "SELU: scale * (x if x > 0 else alpha * (exp(x) - 1)), PyTorch's constants.")]
public sealed class Selu : Activation
{
    public override string? WeightInitializer => "lecun_normal";

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.Selu(input.ReadOnlySpan, output.Span);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.SeluBackward(input.ReadOnlySpan, output.ReadOnlySpan, outputGradient.ReadOnlySpan, inputGradient.Span);
    }
}
