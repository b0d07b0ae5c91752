namespace NeuralNet.Host.Worker;

/// <summary>An experiment a worker holds: its name in the queue, where the claimed file is, its content read once, and the run id it will be recorded under.</summary>
public sealed record ExperimentClaim(string Name, string Path, byte[] Content, string RunId);
