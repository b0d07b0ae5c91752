namespace NeuralNet.Host.Worker;

/// <summary>This worker's name (its folder under <c>running/</c>) and the queue folder.</summary>
public sealed record WorkerIdentity(string Name, string Queue);
