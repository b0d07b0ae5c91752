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

    /// <summary>One zeroed state buffer per parameter, of its length.</summary>
    public static float[][] Buffers(Parameter[] parameters)
    {
        var buffers = new float[parameters.Length][];
        for (int i = 0; i < buffers.Length; i++) buffers[i] = new float[parameters[i].Length];
        return buffers;
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
