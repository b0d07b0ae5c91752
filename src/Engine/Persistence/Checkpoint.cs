using System.Text.Json.Nodes;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Persistence;

/// <summary>
/// Everything a training run needs to continue exactly where it stopped: the description (<see cref="Header"/>:
/// position, optimizer scalars, callback states, history, and for a finished split its results) and the named
/// tensors (model parameters and buffers, optimizer state, snapshots kept by callbacks).
/// </summary>
/// <param name="Header">The JSON description; <see cref="CheckpointStore"/> adds the format and the tensor table.</param>
/// <param name="Tensors">Name → values, in the order they are written.</param>
/// <param name="Shapes">Name → shape, for every tensor.</param>
public sealed record Checkpoint(JsonObject Header, IReadOnlyDictionary<string, float[]> Tensors, IReadOnlyDictionary<string, TensorShape> Shapes)
{
    /// <summary>
    /// Copies tensor <paramref name="key"/> into <paramref name="target"/> when it exists with <paramref name="shape"/>;
    /// otherwise adds what is wrong to <paramref name="problems"/>, so every mismatch can be reported together.
    /// </summary>
    public void CopyInto(string key, Span<float> target, TensorShape shape, List<string> problems)
    {
        if (!Tensors.TryGetValue(key, out float[]? values)) problems.Add($"'{key}' is missing");
        else if (Shapes[key] != shape) problems.Add($"'{key}' has shape {Shapes[key]}, the model needs {shape}");
        else values.CopyTo(target);
    }
}
