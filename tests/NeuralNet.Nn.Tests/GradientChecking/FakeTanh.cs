using NeuralNet.Activations;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Tests.GradientChecking;

/// <summary>tanh whose derivative is multiplied by a chosen factor (1 = correct), for testing the gradient checker.</summary>
internal sealed class FakeTanh(float derivativeFactor) : Activation
{
    public override void Forward(Tensor input, Tensor output)
    {
        for (int i = 0; i < input.Length; i++) output.Buffer[i] = MathF.Tanh(input.Buffer[i]);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        for (int i = 0; i < input.Length; i++)
            inputGradient.Buffer[i] = derivativeFactor * outputGradient.Buffer[i] * (1 - output.Buffer[i] * output.Buffer[i]);
    }
}
