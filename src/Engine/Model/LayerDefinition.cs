using Microsoft.Extensions.Configuration;

namespace NeuralNet.Engine.Model;

/// <summary>One layer to build: its registered name as written, options section and config key (for messages).</summary>
public sealed record LayerDefinition(string Name, IConfiguration? Options, string ConfigPath)
{
    /// <summary>The layer's own L1/L2 weight penalties, read beside its <c>Type</c>.</summary>
    public LayerPenalty Penalty { get; init; }
}
