using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Errors;
using NeuralNet.Experiments;
using NeuralNet.Validation;

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

    private readonly Option<bool> _splits = new("--splits")
    {
        Description = "One job per split of the experiment's validator for every trial (each k-fold fold its own job, Training:Split=i); the validator must deal a fixed number of splits.",
    };

    public SweepCommand() : base("sweep", "Enqueue one job per trial of a grid (or --random N trials of it) over experiment keys; a key the experiment does not have is rejected before anything is enqueued.")
    {
        Options.Add(_experiment);
        Options.Add(_grid);
        Options.Add(_random);
        Options.Add(_seed);
        Options.Add(_splits);
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
            if (result.GetValue(_splits))
                files = files.SelectMany(f => PerSplit(CommandSupport.Registry(host), f.Name, f.File, f.Trial)).ToList();
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

    /// <summary>The trial once per split its validator deals, each with <c>Training:Split</c> set.</summary>
    /// <exception cref="ConfigurationException">The validator's splits depend on the data, or it keeps a model retrained over all splits.</exception>
    private static IEnumerable<(string Name, JsonObject File, IReadOnlyDictionary<string, string> Trial)> PerSplit(
        ComponentRegistry registry, string name, JsonObject file, IReadOnlyDictionary<string, string> trial)
    {
        IConfigurationSection validation = QueueCommandSupport.Section(file, "Experiment:Validation");
        ComponentSpec spec = ComponentSpec.Read(validation, "validator", registry.DefaultName<ICrossValidator>());
        ICrossValidator validator = registry.Create<ICrossValidator>(spec.Name, spec.Options, spec.ConfigPath, ComponentSpec.ReservedKeys).Component;
        int count = validator.SplitCount ?? throw new ConfigurationException(spec.NameKey,
            $"'{spec.Name}' deals as many splits as the data decide; --splits needs a validator that deals a fixed number (k-fold's Folds).");
        if (validator is IKeptModelValidator { Keep: KeptModel.Retrain })
            throw new ConfigurationException(spec.ConfigPath + ":Keep", "retrain needs every split's best epoch in one run; --splits runs each split as its own job.");
        for (int i = 1; i <= count; i++)
        {
            var copy = (JsonObject)file.DeepClone();
            JsonObject experiment = copy["Experiment"]!.AsObject();
            string key = experiment.FirstOrDefault(p => string.Equals(p.Key, "Training", StringComparison.OrdinalIgnoreCase)).Key ?? "Training";
            if (experiment[key] is not JsonObject training) experiment[key] = training = new JsonObject();
            training["Split"] = i;
            var parameters = new Dictionary<string, string>(trial) { ["Training:Split"] = i.ToString(CultureInfo.InvariantCulture) };
            yield return ($"{name}-split{i}", copy, parameters);
        }
    }
}
