using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeuralNet.Experiments;

namespace NeuralNet.Host.Commands;

/// <summary>
/// <c>sweep [--experiment FILE] --grid KEY=v1,v2 ... [--random N] [--seed S]</c>: one job per trial on the configured
/// queue: every combination of the grid's values (or N of them drawn at random without repeats), each the experiment
/// with those keys set. A key is an experiment key (<c>Optimizer:LearningRate</c>, <c>Model:Layers:0:Units</c>) that
/// the experiment has; every grid problem, and every problem of every trial's experiment (as <c>validate</c> finds
/// them, without the data), is reported before anything is enqueued.
/// </summary>
public sealed class SweepCommand : Command
{
    private readonly Option<string?> _experiment = CommandSupport.ExperimentOption();

    private readonly Option<string[]> _grid = new("--grid")
    {
        Description = "An experiment key and its values, KEY=v1,v2,... (e.g. Optimizer:LearningRate=0.01,0.1 or Model:Layers:0:Units=16,64); repeat for more keys.",
        HelpName = "KEY=v1,v2",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<int?> _random = new("--random") { Description = "Enqueue N trials drawn at random (without repeats) from the grid instead of all of them.", HelpName = "N" };

    private readonly Option<int?> _seed = new("--seed") { Description = "Seed of the random draw (default: the experiment's Seed).", HelpName = "S" };

    public SweepCommand() : base("sweep", "Enqueue one job per trial of a grid (or --random N trials of it) over experiment keys; a key the experiment does not have is rejected before anything is enqueued.")
    {
        Options.Add(_experiment);
        Options.Add(_grid);
        Options.Add(_random);
        Options.Add(_seed);
        CommandSupport.AcceptOverrides(this);
        SetAction((result, cancellationToken) => Task.FromResult(CommandSupport.Guard(() =>
        {
            using IHost host = QueueCommandSupport.Build(CommandSupport.Request(result, _experiment));
            var experiment = QueueCommandSupport.Experiment(host);
            SweepGrid grid = SweepGrid.Parse(result.GetValue(_grid) ?? [], experiment);
            int seed = result.GetValue(_seed) ?? (int.TryParse(experiment["Experiment"]!["Seed"]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : 0);
            var trials = grid.Trials(result.GetValue(_random), seed);
            string name = experiment["Experiment"]!["Name"]!.ToString();
            var files = trials.Select((trial, i) => (Name: $"{name}-trial{i + 1:000}", File: grid.Apply(experiment, trial), Trial: trial)).ToList();
            QueueCommandSupport.Check(host, files.Select(f => (f.Name, f.File)));
            var jobs = files.Select(f => QueueCommandSupport.Job(f.Name, f.File, f.Trial)).ToList();
            IExperimentQueue queue = host.Services.GetRequiredService<IExperimentQueue>();
            foreach (ExperimentJob job in jobs)
            {
                queue.Submit(job);
                Console.Out.WriteLine($"submitted {job.Name} as run {job.RunId}: {string.Join(", ", job.Parameters.Select(p => $"{p.Key}={p.Value}"))}");
            }
            return ExitCodes.Success;
        })));
    }
}
