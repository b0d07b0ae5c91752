using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Host.Configuration;
using NeuralNet.Host.Worker;

namespace NeuralNet.Host.Commands;

/// <summary>
/// <c>train</c> (the default command): trains the configured experiment once, or, with <c>--mode worker</c>, every
/// experiment file dropped into the queue folder. Each of its options stands for one configuration key
/// (<c>_configOptions</c>); <c>--resume [run-id]</c> continues an interrupted run.
/// </summary>
public sealed class TrainCommand : Command
{
    private readonly Option<string?> _experiment = CommandSupport.ExperimentOption();

    private readonly Option<string?> _resume = new("--resume")
    {
        Description = "Continue an interrupted run from its last checkpoint: the newest unfinished run of the experiment, or the run id given.",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "run-id",
    };

    /// <summary>Options that set one configuration key each: the option, its key, and the value it gives the key.</summary>
    private readonly ConfigOption[] _configOptions =
    [
        ConfigOption.Choice("--mode", "Host:Mode", "console: train once and exit (default). worker: train every experiment of the configured queue (Queue:Type: the queue folder, or a database), until stopped.", "console", "worker"),
    ];

    public TrainCommand() : base("train", "Train the experiment in config/appsettings.json, or the --experiment file (the default command). Configuration overrides: --Section:Key=value.")
    {
        Options.Add(_experiment);
        Options.Add(_resume);
        foreach (ConfigOption option in _configOptions) Options.Add(option.Option);
        CommandSupport.AcceptOverrides(this);
        SetAction((result, cancellationToken) =>
        {
            HostRequest request;
            try
            {
                request = CommandSupport.Request(result, _experiment, _configOptions.Select(o => o.Read(result)).OfType<KeyValuePair<string, string?>>());
            }
            catch (Exception e)
            {
                return Task.FromResult(NeuralNetApp.Fault(e));
            }
            // "--resume --Key=value": the parser hands the override to --resume as its value; it is an override, not a run id.
            string? resumeValue = result.GetValue(_resume);
            if (resumeValue is not null && resumeValue.StartsWith('-'))
            {
                try
                {
                    request = request with { Overrides = [.. request.Overrides, .. ConfigOverrides.Parse([resumeValue], Name, Options.Select(o => o.Name))] };
                }
                catch (Exception e)
                {
                    return Task.FromResult(NeuralNetApp.Fault(e));
                }
                resumeValue = null;
            }
            var runOptions = result.GetResult(_resume) is null ? new RunOptions() : new RunOptions(true, resumeValue);
            return NeuralNetApp.RunHostedAsync(request, (services, settings) =>
            {
                services.AddSingleton(runOptions);
                if (settings.ListComponents) services.AddHostedService<ComponentListing>();
                else if (settings.GradientCheck) services.AddHostedService<GradientCheckJob>();
                else if (settings.IsWorker) services.AddWorker();
                else services.AddHostedService<TrainingJob>();
            }, cancellationToken);
        });
    }
}
