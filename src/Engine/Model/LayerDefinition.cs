using Microsoft.Extensions.Configuration;

namespace NeuralNet.Engine.Model;

/// <summary>One layer to build: its family, name as written, options section and config key (for messages).</summary>
public sealed record LayerDefinition(LayerKind Kind, string Name, IConfiguration? Options, string ConfigPath);
