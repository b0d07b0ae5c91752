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
public sealed class Adagrad(AdagradOptions options) : IOptimizer
{
    private readonly float _epsilon = options.Epsilon;
    private readonly float _weightDecay = options.WeightDecay;
    private float _learningRate = options.LearningRate;
    private Parameter[]? _parameters;
    private StateBuffer[] _sumOfSquares = [];

    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerState.CheckLearningRate(value);
    }

    public void Initialize(IReadOnlyList<Parameter> parameters)
    {
        _parameters = OptimizerState.Bind(parameters);
        _sumOfSquares = OptimizerState.Buffers(_parameters, "sum");
        Steps = 0;
    }

    public IReadOnlyList<StateBuffer> State => _sumOfSquares;

    public long Steps { get; set; }


    public void Step()
    {
        Parameter[] parameters = OptimizerState.Require(_parameters, "adagrad");
        Steps++;
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i];
            OptimizerKernels.Adagrad(p.Value.Span, p.Gradient.ReadOnlySpan, _sumOfSquares[i].Value.Span, _learningRate, _epsilon,
                p.Regularize ? _weightDecay : 0f);
        }
    }
}
