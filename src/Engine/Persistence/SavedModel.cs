using NeuralNet.Data;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Training;

namespace NeuralNet.Engine.Persistence;

/// <summary>A model read back from disk with what it needs to predict: class names, feature scaling, and the reader of raw input files.</summary>
public sealed record SavedModel(SequentialModel Model, ModelMetadata Metadata, FeatureNormalizer Normalizer)
{
    /// <summary>
    /// Reads a raw input file into one sample as training read its files (<see cref="ModelMetadata.Input"/>), created
    /// through the registry and checked against the model's input shape; null when the model records no input.
    /// </summary>
    public IInputReader? InputReader { get; init; }
}
