using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Optimizers;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// AdamW, as <c>torch.optim.AdamW</c>: w ← w·(1 − lr·λ), then the Adam update m ← β₁m + (1 − β₁)g;
/// v ← β₂v + (1 − β₂)g²; w ← w − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε).
/// Options: <see cref="AdamWOptions.LearningRate"/> (0.001), <see cref="AdamWOptions.Beta1"/> (0.9),
/// <see cref="AdamWOptions.Beta2"/> (0.999), <see cref="AdamWOptions.Epsilon"/> (1e-8), <see cref="AdamWOptions.WeightDecay"/>.
/// State: first and second moment buffers per parameter, and the step count.
/// </summary>
[Component("adamw", Description = "AdamW: Adam with decoupled weight decay.")]
public sealed class AdamW(AdamWOptions options) : IOptimizer
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
        Parameter[] parameters = OptimizerState.Require(_parameters, "adamw");
        _step++;
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i];
            OptimizerKernels.Adam(p.Value.Span, p.Gradient.ReadOnlySpan, _firstMoment[i], _secondMoment[i], _learningRate,
                _beta1, _beta2, _epsilon, _step, p.Regularize ? _weightDecay : 0f, decoupledWeightDecay: true);
        }
    }
}
