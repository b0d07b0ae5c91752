using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Engine.Training;

namespace NeuralNet.Host;

/// <summary>
/// <c>--Host:GradientCheck=true</c>: checks the configured model's gradients against finite differences on a few
/// samples and prints the worst relative error per layer and parameter; trains and writes nothing. Exit code 0 when
/// it ran (the numbers are for the reader to judge), else the error's code.
/// </summary>
public sealed class GradientCheckJob(
    GradientCheckRunner checker, IConfiguration configuration, IHostEnvironment environment,
    IHostApplicationLifetime lifetime, RunOutcome outcome) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            IReadOnlyList<ModelGradientCheck.Result> results = checker.Run(configuration.GetSection("Experiment"), environment.ContentRootPath, stoppingToken);
            Console.Out.WriteLine($"Gradient check on {GradientCheckRunner.Samples} samples (central differences, ε = 1e-2); relative error |a − n| / max(|a|, |n|, 1e-4):");
            Console.Out.WriteLine($"  {"layer",-22} {"parameter",-12} {"checked",7}  {"worst rel. error",16}  {"analytic",12}  {"numerical",12}");
            foreach (ModelGradientCheck.Result r in results)
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {$"{r.Layer} {r.LayerName}",-22} {r.Parameter,-12} {r.Checked,7}  {r.WorstRelativeError,16:E2}  {r.Analytic,12:G5}  {r.Numerical,12:G5}"));
            double worst = results.Count == 0 ? 0 : results.Max(r => r.WorstRelativeError);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Worst overall: {worst:E2} ({(worst < 1e-2 ? "gradients agree" : "look at the layers above 1e-2; a kink crossed by ±ε also shows here")})."));
            outcome.ExitCode = ExitCodes.Success;
        }
        catch (Exception e)
        {
            outcome.ExitCode = ExitCodes.For(e);
            Console.Error.WriteLine($"error: {e.Message}");
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
