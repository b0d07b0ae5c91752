using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Optimizers;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// Stochastic gradient descent, as <c>torch.optim.SGD</c> (dampening 0): d = g + λw; with momentum μ,
/// v ← μv + d and the step is v (or d + μv with Nesterov); w ← w − lr·step.
/// Options: <see cref="SgdOptions.LearningRate"/> (0.01), <see cref="SgdOptions.Momentum"/> (0),
/// <see cref="SgdOptions.Nesterov"/> (false), <see cref="SgdOptions.WeightDecay"/> (0, weights only).
/// State: one velocity buffer per parameter when Momentum &gt; 0.
/// </summary>
[Component("sgd", Description = "Stochastic gradient descent with optional (Nesterov) momentum.")]
public sealed class Sgd(SgdOptions options) : Optimizer("sgd", options.LearningRate)
{
    private readonly float _momentum = options.Momentum;
    private readonly bool _nesterov = options.Nesterov;
    private readonly float _weightDecay = options.WeightDecay;
    private StateBuffer[] _velocity = [];

    private protected override StateBuffer[] CreateState(Parameter[] parameters)
    {
        _velocity = _momentum > 0 ? OptimizerState.Buffers(parameters, "momentum_buffer") : [];
        return _velocity;
    }

    private protected override void Update(Parameter[] parameters, int step)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i];
            float decay = p.Regularize ? _weightDecay : 0f;
            if (_momentum > 0)
                OptimizerKernels.SgdMomentum(p.Value.Span, p.Gradient.ReadOnlySpan, _velocity[i].Value.Span, LearningRate, _momentum, _nesterov, decay);
            else
                OptimizerKernels.Sgd(p.Value.Span, p.Gradient.ReadOnlySpan, LearningRate, decay);
        }
    }
}
