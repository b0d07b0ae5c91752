using NeuralNet.Metrics;

namespace NeuralNet.Engine.Training;

/// <summary>A metric with the name it is reported under (its registered name, made unique).</summary>
public sealed record NamedMetric(string Name, IMetric Metric);
