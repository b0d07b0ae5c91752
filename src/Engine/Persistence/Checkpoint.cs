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
public sealed record Checkpoint(JsonObject Header, IReadOnlyDictionary<string, float[]> Tensors, IReadOnlyDictionary<string, TensorShape> Shapes);
