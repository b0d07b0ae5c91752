using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Host.Configuration;

namespace NeuralNet.Host;

/// <summary>Console mode: runs the configured experiment once, prints the summary, sets the exit code and stops the host.</summary>
public sealed partial class TrainingJob(
    ExperimentRunner runner, IConfiguration configuration, IHostEnvironment environment,
    IHostApplicationLifetime lifetime, RunOutcome outcome, RunOptions runOptions, ILogger<TrainingJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting before the CPU-bound run
        try
        {
            RunResult result = runner.Run(configuration.GetSection("Experiment"), environment.ContentRootPath, stoppingToken, runOptions);
            Console.Out.Write(SummaryTable.Format(result));
            outcome.ExitCode = ExitCodes.Success;
        }
        catch (Exception e)
        {
            outcome.ExitCode = ExitCodes.For(e);
            if (outcome.ExitCode == ExitCodes.Unexpected) LogUnexpected(e); // with the stack trace: a bug, not bad input
            Console.Error.WriteLine($"error: {e.Message}");
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Critical, Message = "Run failed unexpectedly")]
    private partial void LogUnexpected(Exception exception);
}
