using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Optimizers;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// RMSprop, as <c>torch.optim.RMSprop</c> (not centred): d = g + λw; s ← αs + (1 − α)d²; without momentum
/// w ← w − lr·d / (√s + ε); with momentum μ, b ← μb + d / (√s + ε) and w ← w − lr·b.
/// Options: <see cref="RmsPropOptions.LearningRate"/> (0.01), <see cref="RmsPropOptions.Alpha"/> (0.99),
/// <see cref="RmsPropOptions.Epsilon"/> (1e-8), <see cref="RmsPropOptions.Momentum"/> (0), <see cref="RmsPropOptions.WeightDecay"/> (0).
/// State: a squared-gradient average per parameter, and a momentum buffer when Momentum &gt; 0.
/// </summary>
[Component("rmsprop", Description = "RMSprop: gradient scaled by a running RMS of past gradients.")]
public sealed class RmsProp(RmsPropOptions options) : Optimizer("rmsprop", options.LearningRate)
{
    private readonly float _alpha = options.Alpha;
    private readonly float _epsilon = options.Epsilon;
    private readonly float _momentum = options.Momentum;
    private readonly float _weightDecay = options.WeightDecay;
    private StateBuffer[] _squareAverage = [];
    private StateBuffer[] _momentumBuffer = [];

    private protected override StateBuffer[] CreateState(Parameter[] parameters)
    {
        _squareAverage = OptimizerState.Buffers(parameters, "square_avg");
        _momentumBuffer = _momentum > 0 ? OptimizerState.Buffers(parameters, "momentum_buffer") : [];
        return OptimizerState.Concat(_squareAverage, _momentumBuffer);
    }

    private protected override void Update(Parameter[] parameters, int step)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i];
            float decay = p.Regularize ? _weightDecay : 0f;
            if (_momentum > 0)
                OptimizerKernels.RmsPropMomentum(p.Value.Span, p.Gradient.ReadOnlySpan, _squareAverage[i].Value.Span, _momentumBuffer[i].Value.Span,
                    LearningRate, _alpha, _epsilon, _momentum, decay);
            else
                OptimizerKernels.RmsProp(p.Value.Span, p.Gradient.ReadOnlySpan, _squareAverage[i].Value.Span, LearningRate, _alpha, _epsilon, decay);
        }
    }
}
