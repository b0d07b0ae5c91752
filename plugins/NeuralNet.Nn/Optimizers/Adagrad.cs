using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Optimizers;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// Adagrad, as <c>torch.optim.Adagrad</c>: d = g + λw; s ← s + d²; w ← w − lr·d / (√s + ε).
/// Options: <see cref="AdagradOptions.LearningRate"/> (0.01), <see cref="AdagradOptions.Epsilon"/> (1e-10),
/// <see cref="AdagradOptions.WeightDecay"/> (0). State: a sum of squared gradients per parameter.
/// </summary>
[Component("adagrad", Description = "Adagrad: per-weight step sizes from the sum of past squared gradients.")]
public sealed class Adagrad(AdagradOptions options) : Optimizer("adagrad", options.LearningRate)
{
    private readonly float _epsilon = options.Epsilon;
    private readonly float _weightDecay = options.WeightDecay;
    private StateBuffer[] _sumOfSquares = [];

    private protected override StateBuffer[] CreateState(Parameter[] parameters)
    {
        _sumOfSquares = OptimizerState.Buffers(parameters, "sum");
        return _sumOfSquares;
    }

    private protected override void Update(Parameter[] parameters, int step)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i];
            OptimizerKernels.Adagrad(p.Value.Span, p.Gradient.ReadOnlySpan, _sumOfSquares[i].Value.Span, LearningRate, _epsilon,
                p.Regularize ? _weightDecay : 0f);
        }
    }
}
