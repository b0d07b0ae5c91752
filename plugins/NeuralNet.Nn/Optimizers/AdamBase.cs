using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Optimizers;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// The Adam update shared by <see cref="Adam"/> (weight decay added to the gradient) and <see cref="AdamW"/>
/// (decoupled weight decay). Not a component itself. State: first and second moment buffers per parameter, and
/// the step count.
/// </summary>
public abstract class AdamBase : Optimizer
{
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly float _epsilon;
    private readonly float _weightDecay;
    private readonly bool _decoupled;
    private StateBuffer[] _firstMoment = [];
    private StateBuffer[] _secondMoment = [];

    private protected AdamBase(string name, float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool decoupled)
        : base(name, learningRate)
    {
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _weightDecay = weightDecay;
        _decoupled = decoupled;
    }

    private protected override StateBuffer[] CreateState(Parameter[] parameters)
    {
        _firstMoment = OptimizerState.Buffers(parameters, "exp_avg");
        _secondMoment = OptimizerState.Buffers(parameters, "exp_avg_sq");
        return OptimizerState.Concat(_firstMoment, _secondMoment);
    }

    private protected override void Update(Parameter[] parameters, int step)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i];
            OptimizerKernels.Adam(p.Value.Span, p.Gradient.ReadOnlySpan, _firstMoment[i].Value.Span, _secondMoment[i].Value.Span, LearningRate,
                _beta1, _beta2, _epsilon, step, p.Regularize ? _weightDecay : 0f, decoupledWeightDecay: _decoupled);
        }
    }
}
