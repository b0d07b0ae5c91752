namespace NeuralNet.Experiments;

/// <summary>
/// Where workers get their experiments. A claim is exclusive (two workers never hold one experiment) and leased:
/// the worker renews it with <see cref="Heartbeat"/>, and a claim whose worker stopped renewing it goes back to the
/// queue (<see cref="RecoverAbandoned"/>). Every claim ends in <see cref="Complete"/>, <see cref="Fail"/> or
/// <see cref="Release"/> (back to the queue, e.g. on a graceful stop). A claim keeps its job's run id, so a job claimed
/// again (released, or recovered from a dead worker) continues its run from the last checkpoint.
/// </summary>
/// <remarks>Implementations are opened by an <see cref="IExperimentQueueProvider"/> registered under the <c>Queue:Type</c> it serves.</remarks>
public interface IExperimentQueue : IDisposable
{
    /// <summary>Adds a job to the queue; it is claimed under <see cref="ExperimentJob.RunId"/>.</summary>
    void Submit(ExperimentJob job);

    /// <summary>Claims the next complete experiment, or returns null when none is ready. Entries that cannot be experiments (folders, FIFOs, vanished files) are dealt with and skipped.</summary>
    ExperimentClaim? TryClaim();

    /// <summary>Renews the lease on every claim this worker holds.</summary>
    void Heartbeat();

    /// <summary>
    /// False once the queue knows <paramref name="claim"/> was taken back (its lease ran out, e.g. while this worker
    /// was cut off, and the job went back to the queue): another worker may be running it, so this one must stop.
    /// True while it holds the claim, or cannot tell.
    /// </summary>
    bool Holds(ExperimentClaim claim);

    /// <summary>The experiment ran: records the run (its outputs and metrics) and removes the claim.</summary>
    void Complete(ExperimentClaim claim, CompletedRun run);

    /// <summary>The experiment failed: records the error and removes the claim (a queue may retry the job a few times before it parks it).</summary>
    void Fail(ExperimentClaim claim, string error);

    /// <summary>Puts the experiment back in the queue unchanged, to be claimed again.</summary>
    void Release(ExperimentClaim claim);

    /// <summary>Puts back the claims of workers whose lease expired (and this worker's own, left by a crash before it restarted). Returns how many.</summary>
    int RecoverAbandoned();
}
