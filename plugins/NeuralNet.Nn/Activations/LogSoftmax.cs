using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>
/// Log-softmax over each sample: yᵢ = xᵢ − max x − ln Σⱼ e^(xⱼ − max x), finite for any finite logits; the
/// backward pass is dxᵢ = dyᵢ − e^(yᵢ)·Σⱼ dyⱼ. A sample of any shape is treated as one flat row of classes (as
/// <c>softmax</c>); output shape = input shape. Its outputs are log-probabilities (≤ 0), the input that
/// <c>kl_divergence</c> expects.
/// </summary>
[Component("log_softmax", Description = "Log-softmax over each sample's values (log-probabilities).")]
public sealed class LogSoftmax : Activation
{
    public override string? WeightInitializer => "glorot_uniform";

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.LogSoftmax(input.ReadOnlySpan, output.Span, input.SampleSize);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.LogSoftmaxBackward(output.ReadOnlySpan, outputGradient.ReadOnlySpan, inputGradient.Span, input.SampleSize);
    }
}
