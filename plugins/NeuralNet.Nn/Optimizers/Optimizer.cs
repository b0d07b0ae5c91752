using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Optimizers;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// What every built-in optimizer shares: the learning rate (checked when a schedule sets it), the step count, the
/// parameters bound by <see cref="Initialize"/> and the named state it lists. A derived optimizer creates its state
/// buffers and updates the parameters for one step.
/// </summary>
/// <param name="name">The registered name, for the error when <see cref="Step"/> comes before <see cref="Initialize"/>.</param>
/// <param name="learningRate">The configured learning rate.</param>
public abstract class Optimizer(string name, float learningRate) : IOptimizer
{
    private float _learningRate = learningRate;
    private Parameter[]? _parameters;
    private StateBuffer[] _state = [];

    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerState.CheckLearningRate(value);
    }

    public IReadOnlyList<StateBuffer> State => _state;

    public long Steps { get; set; }

    public void Initialize(IReadOnlyList<Parameter> parameters)
    {
        _parameters = OptimizerState.Bind(parameters);
        _state = CreateState(_parameters);
        Steps = 0;
    }

    public void Step()
    {
        Parameter[] parameters = OptimizerState.Require(_parameters, name);
        Update(parameters, checked((int)++Steps));
    }

    /// <summary>Creates the state for <paramref name="parameters"/> and returns all of it, in the order <see cref="State"/> lists it.</summary>
    private protected abstract StateBuffer[] CreateState(Parameter[] parameters);

    /// <summary>Updates every parameter from its gradient and its state, for the 1-based <paramref name="step"/>.</summary>
    private protected abstract void Update(Parameter[] parameters, int step);
}
