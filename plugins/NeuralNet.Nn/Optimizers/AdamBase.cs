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
public abstract class AdamBase : IOptimizer
{
    private readonly string _name;
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly float _epsilon;
    private readonly float _weightDecay;
    private readonly bool _decoupled;
    private float _learningRate;
    private Parameter[]? _parameters;
    private StateBuffer[] _firstMoment = [];
    private StateBuffer[] _secondMoment = [];
    private StateBuffer[] _state = [];

    private protected AdamBase(string name, float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool decoupled)
    {
        _name = name;
        _learningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _weightDecay = weightDecay;
        _decoupled = decoupled;
    }

    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerState.CheckLearningRate(value);
    }

    public void Initialize(IReadOnlyList<Parameter> parameters)
    {
        _parameters = OptimizerState.Bind(parameters);
        _firstMoment = OptimizerState.Buffers(_parameters, "exp_avg");
        _secondMoment = OptimizerState.Buffers(_parameters, "exp_avg_sq");
        _state = OptimizerState.Concat(_firstMoment, _secondMoment);
        Steps = 0;
    }

    public IReadOnlyList<StateBuffer> State => _state;

    public long Steps { get; set; }


    public void Step()
    {
        Parameter[] parameters = OptimizerState.Require(_parameters, _name);
        int step = checked((int)++Steps);
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i];
            OptimizerKernels.Adam(p.Value.Span, p.Gradient.ReadOnlySpan, _firstMoment[i].Value.Span, _secondMoment[i].Value.Span, _learningRate,
                _beta1, _beta2, _epsilon, step, p.Regularize ? _weightDecay : 0f, decoupledWeightDecay: _decoupled);
        }
    }
}
