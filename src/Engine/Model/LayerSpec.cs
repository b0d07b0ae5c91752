using System.Text.Json.Nodes;

namespace NeuralNet.Engine.Model;

/// <summary>How one layer of a model was made: its canonical registered name and bound options.</summary>
/// <param name="Name">Canonical registered name (<c>conv2d</c>, <c>relu</c>).</param>
/// <param name="Options">Bound options as JSON (config keys), or null.</param>
public sealed record LayerSpec(string Name, JsonObject? Options);
