using NeuralNet.Data;

namespace NeuralNet.Engine.Persistence;

/// <summary>What model.json says besides the layers: provenance, data description and metrics at save time.</summary>
public sealed record ModelMetadata(
    string Experiment,
    IReadOnlyList<string>? ClassNames,
    IReadOnlyList<string>? FeatureNames,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Metrics,
    string Loss,
    string? RunId = null)
{
    /// <summary>
    /// How the data source's columns became the features (numeric, or one-hot over saved categories); null when the
    /// source does not encode columns. Given back to a source reading new data for this model.
    /// </summary>
    public IReadOnlyList<FeatureColumn>? Columns { get; init; }

    /// <summary>
    /// How one raw input file (an image) becomes a sample, when the data source read such files; null for tables and
    /// generated data, and in models saved before the record existed. <c>predict</c> on files needs it.
    /// </summary>
    public InputRecord? Input { get; init; }

    /// <summary>Multi-label classification: each output is an independent probability of the label <see cref="ClassNames"/> names.</summary>
    public bool IsMultiLabel { get; init; }
}
