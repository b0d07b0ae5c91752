namespace NeuralNet.Engine.Pipeline;

/// <summary>How to run an experiment beyond its configuration.</summary>
/// <param name="Resume">Continue an interrupted run from its last checkpoint instead of starting a new one.</param>
/// <param name="ResumeRunId">The run to continue; null continues the newest interrupted run of the experiment.</param>
public sealed record RunOptions(bool Resume = false, string? ResumeRunId = null);
