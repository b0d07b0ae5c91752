using System.Text.Json.Nodes;

namespace NeuralNet.Engine.Model;

/// <summary>How one layer of a model was made: its family ("layer" or "activation"), registered name and options.</summary>
/// <param name="Kind"><see cref="LayerKind"/>.</param>
/// <param name="Name">Canonical registered name.</param>
/// <param name="Options">Bound options as JSON (config keys), or null.</param>
public sealed record LayerSpec(LayerKind Kind, string Name, JsonObject? Options);
