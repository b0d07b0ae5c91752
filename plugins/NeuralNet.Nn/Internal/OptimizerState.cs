using NeuralNet.Layers;

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

    /// <summary>One zeroed state buffer per parameter, of its shape, named <c>{index}.{kind}</c>.</summary>
    public static StateBuffer[] Buffers(Parameter[] parameters, string kind)
    {
        var buffers = new StateBuffer[parameters.Length];
        for (int i = 0; i < buffers.Length; i++) buffers[i] = new StateBuffer($"{i}.{kind}", parameters[i].Shape);
        return buffers;
    }

    /// <summary>The state lists of an optimizer, concatenated in a fixed order.</summary>
    public static StateBuffer[] Concat(params StateBuffer[][] lists) => lists.SelectMany(l => l).ToArray();

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
