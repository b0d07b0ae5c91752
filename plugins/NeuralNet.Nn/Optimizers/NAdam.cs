using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Optimizers;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// NAdam (Adam with Nesterov momentum), as <c>torch.optim.NAdam</c> (1.13): with μₜ = β₁·(1 − ½·0.96^(t·ψ)) and
/// Π = μ₁···μₜ, d = g + λw; m ← β₁m + (1 − β₁)d; v ← β₂v + (1 − β₂)d²; D = √(v/(1 − β₂ᵗ)) + ε;
/// w ← w − lr·(1 − μₜ)/(1 − Π)·d/D − lr·μₜ₊₁/(1 − Π′)·m/D, with Π′ = Π·μₜ·μₜ₊₁ as PyTorch 1.13 computes it
/// (versions from 2.0 use Π·μₜ₊₁; the difference fades as μₜ settles).
/// Options: <see cref="NAdamOptions.LearningRate"/> (0.002), <see cref="NAdamOptions.Beta1"/> (0.9),
/// <see cref="NAdamOptions.Beta2"/> (0.999), <see cref="NAdamOptions.Epsilon"/> (1e-8),
/// <see cref="NAdamOptions.MomentumDecay"/> (ψ = 0.004), <see cref="NAdamOptions.WeightDecay"/> (0).
/// State: <see cref="Steps"/>, <c>mu_product</c> (Π, shape [1]; PyTorch keeps one per parameter, all equal), and per parameter
/// <c>{i}.exp_avg</c> and <c>{i}.exp_avg_sq</c>.
/// </summary>
[Component("nadam", Description = "NAdam: Adam with Nesterov momentum (PyTorch's momentum schedule).")]
public sealed class NAdam(NAdamOptions options) : Optimizer("nadam", options.LearningRate)
{
    private readonly float _beta1 = options.Beta1;
    private readonly float _beta2 = options.Beta2;
    private readonly float _epsilon = options.Epsilon;
    private readonly float _momentumDecay = options.MomentumDecay;
    private readonly float _weightDecay = options.WeightDecay;
    private StateBuffer[] _average = [];
    private StateBuffer[] _squareAverage = [];
    private StateBuffer _muProduct = MuProduct();

    private protected override StateBuffer[] CreateState(Parameter[] parameters)
    {
        _average = OptimizerState.Buffers(parameters, "exp_avg");
        _squareAverage = OptimizerState.Buffers(parameters, "exp_avg_sq");
        _muProduct = MuProduct();
        return OptimizerState.Concat([_muProduct], _average, _squareAverage);
    }

    private protected override void Update(Parameter[] parameters, int step)
    {
        double mu = OptimizerKernels.NAdamMomentum(_beta1, _momentumDecay, step);
        double muNext = OptimizerKernels.NAdamMomentum(_beta1, _momentumDecay, step + 1);
        // PyTorch keeps the product as a float32 tensor; multiply in float so long runs round as it does.
        Span<float> product = _muProduct.Value.Span;
        product[0] = (float)(product[0] * mu);
        // PyTorch 1.13 (the reference version) takes Π·μₜ·μₜ₊₁ for the next product, counting μₜ twice; later
        // versions take Π·μₜ₊₁. The fixtures come from 1.13, so this follows it.
        float productNext = (float)((float)(product[0] * mu) * muNext);
        float gradientStep = (float)(LearningRate * (1.0 - mu) / (1.0 - product[0]));
        float momentStep = (float)(LearningRate * muNext / (1.0 - productNext));
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i];
            OptimizerKernels.NAdam(p.Value.Span, p.Gradient.ReadOnlySpan, _average[i].Value.Span, _squareAverage[i].Value.Span,
                gradientStep, momentStep, _beta1, _beta2, _epsilon, step, p.Regularize ? _weightDecay : 0f);
        }
    }

    private static StateBuffer MuProduct()
    {
        var buffer = new StateBuffer("mu_product", new NeuralNet.Tensors.TensorShape(1));
        buffer.Value.Span[0] = 1f;
        return buffer;
    }
}
