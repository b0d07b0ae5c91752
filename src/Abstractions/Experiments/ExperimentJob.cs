namespace NeuralNet.Experiments;

/// <summary>A job to enqueue: a name, a complete experiment file (<c>{ "Experiment": { ... } }</c>, UTF-8 JSON), the run id it will train under, and the parameters that set it apart from its siblings (a sweep's trial values, by configuration key; empty otherwise).</summary>
public sealed record ExperimentJob(string Name, byte[] Content, string RunId, IReadOnlyDictionary<string, string> Parameters);
