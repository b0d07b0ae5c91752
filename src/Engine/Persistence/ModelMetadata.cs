namespace NeuralNet.Engine.Persistence;

/// <summary>What model.json says besides the layers: provenance, data description and metrics at save time.</summary>
public sealed record ModelMetadata(
    string Experiment,
    IReadOnlyList<string>? ClassNames,
    IReadOnlyList<string>? FeatureNames,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Metrics,
    string Loss,
    string? RunId = null);
