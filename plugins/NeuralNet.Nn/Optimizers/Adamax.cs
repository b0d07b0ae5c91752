using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Optimizers;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// Adamax (Adam with the infinity norm), as <c>torch.optim.Adamax</c>: d = g + λw; m ← β₁m + (1 − β₁)d;
/// u ← max(β₂u, |d| + ε); w ← w − lr/(1 − β₁ᵗ)·m/u. Options: <see cref="AdamaxOptions.LearningRate"/> (0.002),
/// <see cref="AdamaxOptions.Beta1"/> (0.9), <see cref="AdamaxOptions.Beta2"/> (0.999), <see cref="AdamaxOptions.Epsilon"/> (1e-8),
/// <see cref="AdamaxOptions.WeightDecay"/> (0). State: <see cref="Steps"/>, and per parameter <c>{i}.exp_avg</c> (m) and <c>{i}.exp_inf</c> (u).
/// </summary>
[Component("adamax", Description = "Adamax: Adam with an infinity-norm second moment.")]
public sealed class Adamax(AdamaxOptions options) : Optimizer("adamax", options.LearningRate)
{
    private readonly float _beta1 = options.Beta1;
    private readonly float _beta2 = options.Beta2;
    private readonly float _epsilon = options.Epsilon;
    private readonly float _weightDecay = options.WeightDecay;
    private StateBuffer[] _average = [];
    private StateBuffer[] _infinityNorm = [];

    private protected override StateBuffer[] CreateState(Parameter[] parameters)
    {
        _average = OptimizerState.Buffers(parameters, "exp_avg");
        _infinityNorm = OptimizerState.Buffers(parameters, "exp_inf");
        return OptimizerState.Concat(_average, _infinityNorm);
    }

    private protected override void Update(Parameter[] parameters, int step)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i];
            OptimizerKernels.Adamax(p.Value.Span, p.Gradient.ReadOnlySpan, _average[i].Value.Span, _infinityNorm[i].Value.Span,
                LearningRate, _beta1, _beta2, _epsilon, step, p.Regularize ? _weightDecay : 0f);
        }
    }
}
