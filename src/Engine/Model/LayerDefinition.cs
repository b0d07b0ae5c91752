using Microsoft.Extensions.Configuration;

namespace NeuralNet.Engine.Model;

/// <summary>One layer to build: its registered name as written, options section and config key (for messages).</summary>
public sealed record LayerDefinition(string Name, IConfiguration? Options, string ConfigPath);
