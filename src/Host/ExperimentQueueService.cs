using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuralNet.Engine.Pipeline;

namespace NeuralNet.Host;

/// <summary>
/// Service mode: a long-running worker that trains every experiment file (*.json) dropped into the queue folder,
/// oldest first; each file is a complete experiment (an <c>Experiment</c> section), as with <c>--experiment</c>. A finished file moves to <c>done/</c>; a failed one
/// to <c>failed/</c> with a <c>.error.txt</c> beside it. Runs until the host is stopped (Ctrl+C, SIGTERM).
/// </summary>
public sealed partial class ExperimentQueueService(
    ExperimentRunner runner, IHostEnvironment environment, HostSettings settings,
    ILogger<ExperimentQueueService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string queue = Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.QueueDirectory));
        Directory.CreateDirectory(queue);
        LogWatching(queue, settings.PollSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.PollSeconds));
        do
        {
            foreach (FileInfo file in new DirectoryInfo(queue).GetFiles("*.json").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal))
            {
                if (stoppingToken.IsCancellationRequested) return;
                await Task.Run(() => Process(file, queue, stoppingToken), stoppingToken).ConfigureAwait(false);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void Process(FileInfo file, string queue, CancellationToken stoppingToken)
    {
        LogStarting(file.Name);
        string? error = null;
        try
        {
            // Like --experiment, a queued file is a complete experiment.
            IConfigurationRoot experiment = new ConfigurationBuilder().AddJsonFile(file.FullName, optional: false).Build();
            RunResult result = runner.Run(experiment.GetSection("Experiment"), environment.ContentRootPath, stoppingToken);
            LogFinished(file.Name, result.RunDirectory);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return; // stays queued; runs again after restart
        }
        catch (Exception e)
        {
            error = e.Message;
            LogFailed(file.Name, e.Message);
        }

        string folder = Path.Combine(queue, error is null ? "done" : "failed");
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, file.Name);
        File.Move(file.FullName, target, overwrite: true);
        if (error is not null) File.WriteAllText(target + ".error.txt", error + Environment.NewLine);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Service mode: watching {Queue} every {Seconds} s for experiment files")]
    private partial void LogWatching(string queue, double seconds);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Queue: starting {File}")]
    private partial void LogStarting(string file);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Queue: {File} done, outputs in {RunDirectory}")]
    private partial void LogFinished(string file, string runDirectory);

    [LoggerMessage(EventId = 403, Level = LogLevel.Error, Message = "Queue: {File} failed: {Problem}")]
    private partial void LogFailed(string file, string problem);
}
