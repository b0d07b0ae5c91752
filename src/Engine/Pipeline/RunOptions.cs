namespace NeuralNet.Engine.Pipeline;

/// <summary>How to run an experiment beyond its configuration.</summary>
/// <param name="Resume">Continue an interrupted run from its last checkpoint instead of starting a new one.</param>
/// <param name="ResumeRunId">The run to continue; null continues the newest interrupted run of the experiment.</param>
/// <param name="RunId">
/// The id this run has: the run continues when a run of that id exists unfinished (a worker's job that was stopped and
/// queued again), otherwise a new run gets the id. Null: a new run with a new id.
/// </param>
public sealed record RunOptions(bool Resume = false, string? ResumeRunId = null, string? RunId = null);
