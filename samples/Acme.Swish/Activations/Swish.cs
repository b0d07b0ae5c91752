using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Tensors;

namespace Acme.Swish.Activations;

/// <summary>
/// Swish (Ramachandran et al., 2017): f(x) = x·σ(βx); f'(x) = σ(βx) + βx·σ(βx)·(1 − σ(βx)).
/// Element-wise: any sample shape, output shape = input shape.
/// </summary>
[Component("acme>swish", Description = "Swish: x * sigmoid(Beta * x).")]
public sealed class Swish(SwishOptions options) : Activation
{
    /// <summary>The bound options (saved with a model and restored through the same constructor).</summary>
    public SwishOptions Options { get; } = options;

    public override void Forward(Tensor input, Tensor output)
    {
        ReadOnlySpan<float> x = input.ReadOnlySpan;
        Span<float> y = output.Span;
        float beta = Options.Beta;
        for (int i = 0; i < x.Length; i++) y[i] = x[i] * Sigmoid(beta * x[i]);
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        ReadOnlySpan<float> x = input.ReadOnlySpan;
        ReadOnlySpan<float> dy = outputGradient.ReadOnlySpan;
        Span<float> dx = inputGradient.Span;
        float beta = Options.Beta;
        for (int i = 0; i < x.Length; i++)
        {
            float s = Sigmoid(beta * x[i]);
            dx[i] = dy[i] * (s + beta * x[i] * s * (1 - s));
        }
    }

    /// <summary>σ(z) without overflow: exp of a non-positive number only.</summary>
    private static float Sigmoid(float z)
    {
        if (z >= 0) return 1 / (1 + MathF.Exp(-z));
        float e = MathF.Exp(z);
        return e / (1 + e);
    }
}
