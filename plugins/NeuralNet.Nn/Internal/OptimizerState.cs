using NeuralNet.Layers;
using NeuralNet.Optimizers;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Internal;

/// <summary>What every optimizer shares: the bound parameters, state allocation and the learning-rate check.</summary>
internal static class OptimizerState
{
    /// <summary>A copy of the parameter list, so <c>Step</c> loops over an array (no enumerator per step).</summary>
    public static Parameter[] Bind(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var bound = new Parameter[parameters.Count];
        for (int i = 0; i < bound.Length; i++)
            bound[i] = parameters[i] ?? throw new ArgumentException($"Parameter {i} is null.", nameof(parameters));
        return bound;
    }

    /// <summary>One zeroed state buffer per parameter, of its shape, named <c>{i}.{name}</c> (<see cref="IOptimizer.State"/>).</summary>
    public static StateBuffer[] Buffers(Parameter[] parameters, string name)
    {
        var buffers = new StateBuffer[parameters.Length];
        for (int i = 0; i < buffers.Length; i++) buffers[i] = new StateBuffer($"{i}.{name}", parameters[i].Shape);
        return buffers;
    }

    /// <summary>The step counter <c>step</c>: shape [1], 0 before the first step.</summary>
    public static StateBuffer StepCounter() => new("step", new TensorShape(1));

    /// <summary>Advances the step counter and returns the new step (1 for the first), so a restored count carries on.</summary>
    public static int NextStep(StateBuffer counter)
    {
        Span<float> step = counter.Value.Span;
        step[0] += 1;
        return (int)step[0];
    }

    /// <summary>The state list of <see cref="IOptimizer.State"/>: <paramref name="shared"/> first, then each parameter's buffers in order.</summary>
    public static StateBuffer[] List(StateBuffer[] shared, params StateBuffer[][] perParameter)
    {
        var list = new List<StateBuffer>(shared);
        int parameters = perParameter.Length == 0 ? 0 : perParameter[0].Length;
        for (int i = 0; i < parameters; i++)
            foreach (StateBuffer[] moment in perParameter)
                list.Add(moment[i]);
        return list.ToArray();
    }

    /// <summary>The parameters, or an error when <c>Initialize</c> was never called.</summary>
    public static Parameter[] Require(Parameter[]? parameters, string optimizer)
        => parameters ?? throw new InvalidOperationException($"Optimizer '{optimizer}': call Initialize(parameters) before Step().");

    /// <summary>A learning rate set by a schedule: finite and ≥ 0.</summary>
    public static float CheckLearningRate(float value)
    {
        if (!float.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a finite number ≥ 0.");
        return value;
    }
}
