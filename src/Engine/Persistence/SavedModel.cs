using NeuralNet.Engine.Model;
using NeuralNet.Engine.Training;

namespace NeuralNet.Engine.Persistence;

/// <summary>A model read back from disk with what it needs to predict: class names and feature scaling.</summary>
public sealed record SavedModel(SequentialModel Model, ModelMetadata Metadata, FeatureNormalizer Normalizer);
