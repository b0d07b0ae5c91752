using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Optimizers;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// Adadelta, as <c>torch.optim.Adadelta</c>: d = g + λw; s ← ρs + (1 − ρ)d²; Δ = √(a + ε)/√(s + ε)·d;
/// a ← ρa + (1 − ρ)Δ²; w ← w − lr·Δ. Options: <see cref="AdadeltaOptions.LearningRate"/> (1.0),
/// <see cref="AdadeltaOptions.Rho"/> (0.9), <see cref="AdadeltaOptions.Epsilon"/> (1e-6), <see cref="AdadeltaOptions.WeightDecay"/> (0).
/// State: per parameter <c>{i}.square_avg</c> (s) and <c>{i}.acc_delta</c> (a).
/// </summary>
[Component("adadelta", Description = "Adadelta: steps scaled by running RMS of past updates over running RMS of gradients.")]
public sealed class Adadelta(AdadeltaOptions options) : Optimizer("adadelta", options.LearningRate)
{
    private readonly float _rho = options.Rho;
    private readonly float _epsilon = options.Epsilon;
    private readonly float _weightDecay = options.WeightDecay;
    private StateBuffer[] _squareAverage = [];
    private StateBuffer[] _accumulatedDelta = [];

    private protected override StateBuffer[] CreateState(Parameter[] parameters)
    {
        _squareAverage = OptimizerState.Buffers(parameters, "square_avg");
        _accumulatedDelta = OptimizerState.Buffers(parameters, "acc_delta");
        return OptimizerState.Concat(_squareAverage, _accumulatedDelta);
    }

    private protected override void Update(Parameter[] parameters, int step)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i];
            OptimizerKernels.Adadelta(p.Value.Span, p.Gradient.ReadOnlySpan, _squareAverage[i].Value.Span, _accumulatedDelta[i].Value.Span,
                LearningRate, _rho, _epsilon, p.Regularize ? _weightDecay : 0f);
        }
    }
}
