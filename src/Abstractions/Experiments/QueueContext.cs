namespace NeuralNet.Experiments;

/// <summary>What a queue provider gets to open a queue.</summary>
/// <param name="Settings">The <c>Queue</c> section.</param>
/// <param name="Worker">This process's worker name (claims are recorded under it).</param>
/// <param name="Lease">How long a claim lasts without a heartbeat.</param>
/// <param name="ContentRoot">The folder relative paths resolve against.</param>
public sealed record QueueContext(QueueSettings Settings, string Worker, TimeSpan Lease, string ContentRoot);
