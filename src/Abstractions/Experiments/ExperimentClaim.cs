namespace NeuralNet.Experiments;

/// <summary>An experiment a worker holds: its name in the queue, the queue's handle on the claim (the folder queue: the claimed file; a database: job and claim token), its content read once, and the run id it is recorded under.</summary>
public sealed record ExperimentClaim(string Name, string Handle, byte[] Content, string RunId);
