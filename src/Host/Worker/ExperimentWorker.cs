using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Errors;
using NeuralNet.Experiments;
using NeuralNet.Host.Configuration;

namespace NeuralNet.Host.Worker;

/// <summary>
/// Worker mode: claims experiments from an <see cref="IExperimentQueue"/> one at a time and trains each (a queued
/// file is a complete experiment, as with <c>--experiment</c>), until the host stops. A failed experiment is recorded
/// as failed and the worker goes on. A stop (Ctrl+C, SIGTERM) cancels the run between batches and puts its
/// experiment back in the queue. A fault of the worker itself (the queue folder gone, a full disk) stops the host
/// with a non-zero exit code and leaves the claim in place for <see cref="IExperimentQueue.RecoverAbandoned"/>.
/// With <c>Queue:ArtifactsDirectory</c> set, runs and models go to that shared folder (the <see cref="IArtifactStore"/>),
/// so a job claimed again on another machine resumes from the checkpoints its first worker wrote.
/// </summary>
public sealed partial class ExperimentWorker(
    IExperimentQueue queue, ExperimentRunner runner, IHostEnvironment environment, HostSettings settings, QueueSettings queueSettings,
    IArtifactStore artifacts, WorkerHealth health, ILogger<ExperimentWorker> logger) : BackgroundService
{
    /// <summary>The claim being trained and the way to stop it when the queue takes the claim back.</summary>
    private volatile Current? _current;

    private sealed record Current(ExperimentClaim Claim, CancellationTokenSource Lost);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        LogWatching(queueSettings.Type, settings.PollSeconds, health.Path);
        queue.RecoverAbandoned();
        using var heartbeat = new Timer(_ => Beat(), null, TimeSpan.Zero, TimeSpan.FromSeconds(settings.HeartbeatSeconds));
        health.Set("idle");
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (queue.TryClaim() is { } claim)
                {
                    await Task.Run(() => Process(claim, stoppingToken), CancellationToken.None).ConfigureAwait(false);
                    continue;
                }
                queue.RecoverAbandoned();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            health.Set("stopped");
        }
    }

    private void Beat()
    {
        try
        {
            queue.Heartbeat();
            // The lease ran out while this worker was cut off and the job went to another worker: stop training it
            // here (between batches), so one run is never trained by two workers.
            if (_current is { } current && !current.Lost.IsCancellationRequested && !queue.Holds(current.Claim))
            {
                LogClaimLost(current.Claim.Name, current.Claim.RunId);
                current.Lost.Cancel();
            }
            health.Write();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // On a timer thread: an exception here would end the process. A queue whose storage is away for a while
            // (a database restart) renews the lease on the next beat.
            LogHeartbeatFailed(e.Message);
        }
    }

    private void Process(ExperimentClaim claim, CancellationToken stoppingToken)
    {
        LogStarting(claim.Name, claim.RunId);
        health.Set("training", claim.Name, claim.RunId);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _current = new Current(claim, lost);
        try
        {
            IConfigurationSection experiment;
            try
            {
                var builder = new ConfigurationBuilder().AddJsonStream(new MemoryStream(claim.Content));
                // Every worker's runs in the shared store, and each run's model in a folder of its own (models/<run-id>/<name>),
                // so the trials of a sweep keep their models and the registry's URIs stay valid.
                if (queueSettings.ArtifactsDirectory is not null)
                    builder.AddInMemoryCollection(new Dictionary<string, string?>
                    {
                        ["Experiment:Output:RunsDirectory"] = Path.Combine(artifacts.WorkingDirectory, "runs"),
                        ["Experiment:Output:ModelsDirectory"] = Path.Combine(artifacts.WorkingDirectory, "models", claim.RunId),
                        ["Experiment:Output:AllowOutsideContentRoot"] = "true",
                    });
                experiment = builder.Build().GetSection("Experiment");
            }
            catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
            {
                throw new ConfigurationException(claim.Name, $"not valid JSON: {Quote.Short((e.InnerException ?? e).Message)}", e);
            }
            // The claim's run id is the run's: a job stopped earlier and queued again continues its run from the checkpoint.
            RunResult result = runner.Run(experiment, environment.ContentRootPath, lost.Token, new RunOptions(RunId: claim.RunId));
            queue.Complete(claim, new CompletedRun(result.RunDirectory, result.Report, Publish(result)));
            LogFinished(claim.Name, claim.RunId, result.RunDirectory);
        }
        catch (Exception e) when (e is OperationCanceledException or TrainingInterruptedException && lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // The queue took the claim back; the worker that has it now continues the run. Nothing to record here.
            LogAbandoned(claim.Name, claim.RunId);
        }
        catch (Exception e) when (e is OperationCanceledException or TrainingInterruptedException && stoppingToken.IsCancellationRequested)
        {
            // Stopped between batches (the run wrote its checkpoint); the file runs again after the restart.
            queue.Release(claim);
            LogReleased(claim.Name);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failing experiment (bad config or data, divergence, even a bug in a component) is the experiment's
            // outcome, not the worker's: it is recorded and the worker goes on.
            queue.Fail(claim, e is NeuralNetException ? e.Message : e.ToString());
            LogFailed(claim.Name, claim.RunId, e.Message);
        }
        finally
        {
            _current = null;
            health.Set(stoppingToken.IsCancellationRequested ? "stopping" : "idle");
        }
    }

    /// <summary>The run's artifacts in the store, by kind.</summary>
    private Dictionary<string, Uri> Publish(RunResult result)
    {
        var uris = new Dictionary<string, Uri>(StringComparer.Ordinal)
        {
            ["run"] = artifacts.Publish(result.RunDirectory),
            ["model"] = artifacts.Publish(result.ModelDirectory),
        };
        foreach (var (kind, name) in new[] { ("report", "report.json"), ("checkpoints", "checkpoints") })
            if (Path.Exists(Path.Combine(result.RunDirectory, name))) uris[kind] = artifacts.Publish(Path.Combine(result.RunDirectory, name));
        return uris;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Worker: watching the {Queue} queue every {Seconds} s for experiments; health in {Health}")]
    private partial void LogWatching(string queue, double seconds, string health);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Queue: starting {File} as run {RunId}")]
    private partial void LogStarting(string file, string runId);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Queue: {File} (run {RunId}) done, outputs in {RunDirectory}")]
    private partial void LogFinished(string file, string runId, string runDirectory);

    [LoggerMessage(EventId = 403, Level = LogLevel.Error, Message = "Queue: {File} (run {RunId}) failed: {Problem}")]
    private partial void LogFailed(string file, string runId, string problem);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "Queue: stopping; {File} is back in the queue")]
    private partial void LogReleased(string file);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Worker: heartbeat failed: {Problem}")]
    private partial void LogHeartbeatFailed(string problem);

    [LoggerMessage(EventId = 406, Level = LogLevel.Error, Message = "Queue: the claim on {File} (run {RunId}) was taken back after its lease ran out; stopping it here")]
    private partial void LogClaimLost(string file, string runId);

    [LoggerMessage(EventId = 407, Level = LogLevel.Warning, Message = "Queue: {File} (run {RunId}) left to the worker that holds it now")]
    private partial void LogAbandoned(string file, string runId);
}
