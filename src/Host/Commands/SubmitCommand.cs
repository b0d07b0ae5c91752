using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeuralNet.Experiments;

namespace NeuralNet.Host.Commands;

/// <summary><c>submit [--experiment FILE] [--Section:Key=value ...]</c>: checks the resolved experiment (as <c>validate</c>, without its data), enqueues it as one job on the configured queue (<c>Queue:Type</c>) and prints its run id.</summary>
public sealed class SubmitCommand : Command
{
    private readonly Option<string?> _experiment = CommandSupport.ExperimentOption();

    public SubmitCommand() : base("submit", "Enqueue the experiment (config/appsettings.json, or the --experiment file, with overrides) as one job for the workers of the configured queue (Queue:Type, Queue:ConnectionString); prints its run id.")
    {
        Options.Add(_experiment);
        CommandSupport.AcceptOverrides(this);
        SetAction((result, cancellationToken) => Task.FromResult(CommandSupport.Guard(() =>
        {
            using IHost host = QueueCommandSupport.Build(CommandSupport.Request(result, _experiment));
            var experiment = QueueCommandSupport.Experiment(host);
            QueueCommandSupport.Check(host, [(experiment["Experiment"]!["Name"]!.ToString(), experiment)]);
            ExperimentJob job = QueueCommandSupport.Job(experiment["Experiment"]!["Name"]!.ToString(), experiment, new Dictionary<string, string>());
            host.Services.GetRequiredService<IExperimentQueue>().Submit(job);
            Console.Out.WriteLine($"submitted {job.Name} as run {job.RunId}");
            return ExitCodes.Success;
        })));
    }
}
