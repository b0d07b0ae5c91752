using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using NeuralNet.Engine.Configuration;
using NeuralNet.Errors;
using NeuralNet.Experiments;

namespace NeuralNet.Host.Commands;

/// <summary>
/// <c>runs list|show|compare</c>: the run registry of the configured queue. <c>list [--name EXP]</c>: every run,
/// newest first; <c>show RUN-ID</c>: one run with its configuration, errors, artifacts and per-epoch metrics;
/// <c>compare [--name EXP] [--metric M] [--order max|min]</c>: runs with their parameters and final metrics, best first.
/// </summary>
public sealed class RunsCommand : Command
{
    public RunsCommand() : base("runs", "The run registry of the configured queue (Queue:Type=postgres): list, show one run, compare runs by a metric.")
    {
        Subcommands.Add(List());
        Subcommands.Add(Show());
        Subcommands.Add(Compare());
    }

    private static Option<string?> NameOption() => new("--name", "-n") { Description = "Only the runs of this experiment (its Name).", HelpName = "EXPERIMENT" };

    private static Command List()
    {
        var name = NameOption();
        var format = CommandSupport.FormatOption();
        var command = new Command("list", "Every run (or those of --name), newest first: status, worker, attempts, times, parameters.") { name, format };
        CommandSupport.AcceptOverrides(command);
        command.SetAction(result => WithRegistry(result, registry =>
        {
            IReadOnlyList<RunRecord> runs = registry.Runs(result.GetValue(name));
            if (result.GetValue(format) == "json")
                foreach (RunRecord run in runs) Console.Out.WriteLine(Json(run).ToJsonString());
            else
                Console.Out.Write(RunTable.Format(runs, ["run", "experiment", "job", "status", "worker", "attempts", "submitted", "seconds", "parameters"], r =>
                    [r.RunId, r.Experiment, r.Job, r.Status, r.Worker ?? "-", r.Attempts.ToString(CultureInfo.InvariantCulture), r.Submitted.UtcDateTime.ToString("u", CultureInfo.InvariantCulture),
                     Number(r.Metrics.GetValueOrDefault("train_seconds", double.NaN)), string.Join(" ", r.Parameters.Select(p => $"{p.Key}={p.Value}"))]));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("run-id") { Description = "The run's id (runs list shows them)." };
        var format = CommandSupport.FormatOption();
        var command = new Command("show", "One run: status, worker, timings, parameters, final metrics, errors, artifact URIs, per-epoch metrics.") { id, format };
        CommandSupport.AcceptOverrides(command);
        command.SetAction(result => WithRegistry(result, registry =>
        {
            string runId = result.GetRequiredValue(id);
            RunRecord run = registry.Run(runId) ?? throw new ConfigurationException("run-id", $"no run '{Quote.Short(runId)}' in the registry (runs list shows them).");
            if (result.GetValue(format) == "json")
            {
                JsonObject json = Json(run);
                json["config"] = run.Config?.DeepClone();
                json["epochs"] = new JsonArray(run.Epochs.Select(e => (JsonNode)new JsonObject { ["epoch"] = e.Epoch, ["metrics"] = Map(e.Metrics) }).ToArray());
                Console.Out.WriteLine(json.ToJsonString());
                return ExitCodes.Success;
            }
            Console.Out.WriteLine($"run        {run.RunId}");
            Console.Out.WriteLine($"experiment {run.Experiment} (job {run.Job}, seed {run.Seed?.ToString(CultureInfo.InvariantCulture) ?? "-"})");
            Console.Out.WriteLine($"status     {run.Status} on {run.Worker ?? "-"}, {run.Attempts} attempt(s)");
            Console.Out.WriteLine($"times      submitted {run.Submitted.UtcDateTime:u}, started {run.Started?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "-"}, finished {run.Finished?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "-"}");
            foreach (var (key, value) in run.Parameters) Console.Out.WriteLine($"parameter  {key} = {value}");
            foreach (var (key, value) in run.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)) Console.Out.WriteLine($"metric     {key,-20} {Number(value)}");
            foreach (var (kind, uri) in run.Artifacts) Console.Out.WriteLine($"artifact   {kind,-12} {uri}");
            foreach (string error in run.Errors) Console.Out.WriteLine($"error      {Quote.Short(error)}");
            if (run.Epochs.Count > 0)
            {
                string[] names = [.. run.Epochs.SelectMany(e => e.Metrics.Keys).Distinct().Order(StringComparer.Ordinal)];
                Console.Out.Write(RunTable.Format(run.Epochs, ["epoch", .. names], e => [e.Epoch.ToString(CultureInfo.InvariantCulture), .. names.Select(n => Number(e.Metrics.GetValueOrDefault(n, double.NaN)))]));
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Compare()
    {
        var name = NameOption();
        var metric = new Option<string>("--metric") { Description = "The metric to rank by: val_<metric>, test_<metric> (with loss), cv_val_<metric> for k-fold. Default val_accuracy.", DefaultValueFactory = _ => "val_accuracy", HelpName = "METRIC" };
        var order = new Option<string>("--order") { Description = "max: higher is better; min: lower is better; auto (default): min for losses and errors, max otherwise.", DefaultValueFactory = _ => "auto" }
            .AcceptOnlyFromAmong("auto", "max", "min");
        var format = CommandSupport.FormatOption();
        var command = new Command("compare", "Runs with their parameters and final metrics, best first by --metric (runs without it last).") { name, metric, order, format };
        CommandSupport.AcceptOverrides(command);
        command.SetAction(result => WithRegistry(result, registry =>
        {
            string by = result.GetRequiredValue(metric);
            IReadOnlyList<RunRecord> runs = registry.Runs(result.GetValue(name));
            if (runs.Count > 0 && !runs.Any(r => r.Metrics.ContainsKey(by)))
                throw new ConfigurationException("--metric", $"no run has '{Quote.Short(by)}'. Metrics recorded: {string.Join(", ", runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal))}.");
            bool lowerIsBetter = result.GetValue(order) switch
            {
                "min" => true,
                "max" => false,
                _ => by.EndsWith("loss", StringComparison.Ordinal) || by.EndsWith("error", StringComparison.Ordinal) || by.EndsWith("seconds", StringComparison.Ordinal) || by.Contains("mse", StringComparison.Ordinal) || by.Contains("mae", StringComparison.Ordinal),
            };
            List<RunRecord> ranked = RunRanking.Best(runs, by, lowerIsBetter);
            if (result.GetValue(format) == "json")
            {
                foreach (RunRecord run in ranked) Console.Out.WriteLine(Json(run).ToJsonString());
                return ExitCodes.Success;
            }
            string[] parameters = [.. ranked.SelectMany(r => r.Parameters.Keys).Distinct(StringComparer.Ordinal)];
            string[] metrics = [by, .. ranked.SelectMany(r => r.Metrics.Keys).Distinct().Where(m => m != by && m != "train_seconds").Order(StringComparer.Ordinal)];
            Console.Out.Write(RunTable.Format(ranked, ["rank", "run", "status", .. parameters, .. metrics], r =>
                [(ranked.IndexOf(r) + 1).ToString(CultureInfo.InvariantCulture), r.RunId, r.Status, .. parameters.Select(p => r.Parameters.GetValueOrDefault(p, "-")),
                 .. metrics.Select(m => Number(r.Metrics.GetValueOrDefault(m, double.NaN)))]));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static int WithRegistry(ParseResult result, Func<IRunRegistry, int> body) => CommandSupport.Guard(() =>
    {
        var overrides = Configuration.ConfigOverrides.Parse(result.UnmatchedTokens, result.CommandResult.Command.Name,
            result.CommandResult.Command.Options.Select(o => o.Name));
        using IHost host = QueueCommandSupport.Build(new Configuration.HostRequest(null, overrides));
        return body(QueueCommandSupport.Registry(host));
    });

    private static JsonObject Json(RunRecord run) => new()
    {
        ["run_id"] = run.RunId,
        ["experiment"] = run.Experiment,
        ["job"] = run.Job,
        ["status"] = run.Status,
        ["worker"] = run.Worker,
        ["seed"] = run.Seed,
        ["attempts"] = run.Attempts,
        ["submitted"] = run.Submitted.ToString("O", CultureInfo.InvariantCulture),
        ["started"] = run.Started?.ToString("O", CultureInfo.InvariantCulture),
        ["finished"] = run.Finished?.ToString("O", CultureInfo.InvariantCulture),
        ["parameters"] = new JsonObject(run.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["metrics"] = Map(run.Metrics),
        ["artifacts"] = new JsonObject(run.Artifacts.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value.AbsoluteUri))),
        ["errors"] = new JsonArray(run.Errors.Select(e => (JsonNode)e).ToArray()),
    };

    private static JsonObject Map(IReadOnlyDictionary<string, double> values)
        => new(values.Select(v => KeyValuePair.Create(v.Key, double.IsFinite(v.Value) ? (JsonNode?)v.Value : null)));

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
