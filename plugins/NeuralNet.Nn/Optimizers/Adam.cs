using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Optimizers;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// Adam, as <c>torch.optim.Adam</c>: m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
/// w ← w − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε), with an optional L2 term λw added to g first.
/// Options: <see cref="AdamOptions.LearningRate"/> (0.001), <see cref="AdamOptions.Beta1"/> (0.9),
/// <see cref="AdamOptions.Beta2"/> (0.999), <see cref="AdamOptions.Epsilon"/> (1e-8), <see cref="AdamOptions.WeightDecay"/>.
/// State: first and second moment buffers per parameter, and the step count.
/// </summary>
[Component("adam", Description = "Adam: adaptive moment estimation with bias correction.")]
public sealed class Adam(AdamOptions options) : IOptimizer
{
    private readonly float _beta1 = options.Beta1;
    private readonly float _beta2 = options.Beta2;
    private readonly float _epsilon = options.Epsilon;
    private readonly float _weightDecay = options.WeightDecay;
    private float _learningRate = options.LearningRate;
    private Parameter[]? _parameters;
    private float[][] _firstMoment = [];
    private float[][] _secondMoment = [];
    private int _step;

    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerState.CheckLearningRate(value);
    }

    public void Initialize(IReadOnlyList<Parameter> parameters)
    {
        _parameters = OptimizerState.Bind(parameters);
        _firstMoment = OptimizerState.Buffers(_parameters);
        _secondMoment = OptimizerState.Buffers(_parameters);
        _step = 0;
    }

    public void Step()
    {
        Parameter[] parameters = OptimizerState.Require(_parameters, "adam");
        _step++;
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i];
            OptimizerKernels.Adam(p.Value.Span, p.Gradient.ReadOnlySpan, _firstMoment[i], _secondMoment[i], _learningRate,
                _beta1, _beta2, _epsilon, _step, p.Regularize ? _weightDecay : 0f, decoupledWeightDecay: false);
        }
    }
}
