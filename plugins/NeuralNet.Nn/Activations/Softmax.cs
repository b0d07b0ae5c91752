using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>
/// Softmax over each sample: yᵢ = e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x), so large logits never overflow; the
/// backward pass is dxᵢ = yᵢ·(dyᵢ − Σⱼ dyⱼ·yⱼ). A sample of any shape is treated as one flat row of classes;
/// output shape = input shape. Followed by <c>categorical_crossentropy</c>, the engine fuses the two into the
/// loss's stable log-sum-exp form.
/// </summary>
[Component("softmax", Description = "Softmax over each sample's values (probabilities summing to 1).")]
public sealed class Softmax : Activation
{
    public override string? WeightInitializer => "glorot_uniform";

    public override void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        ActivationKernels.Softmax(input.ReadOnlySpan, output.Span, input.SampleSize);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        ActivationKernels.SoftmaxBackward(output.ReadOnlySpan, outputGradient.ReadOnlySpan, inputGradient.Span, input.SampleSize);
    }
}
