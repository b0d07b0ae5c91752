using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Errors;
using NeuralNet.Experiments;
using NeuralNet.Host.Configuration;
using NeuralNet.Host.Worker;

namespace NeuralNet.Host.Commands;

/// <summary>What <c>submit</c>, <c>sweep</c> and <c>runs</c> share: the host with the configured queue, the resolved experiment as a job file.</summary>
internal static class QueueCommandSupport
{
    /// <summary>Builds the host with the queue of <c>Queue:Type</c> (opened on first use).</summary>
    public static IHost Build(HostRequest request) => NeuralNetApp.Build(request with { LogsToStandardError = true }, (services, _) => services.AddExperimentQueue());

    /// <summary>The resolved experiment (config/appsettings.json, the --experiment file, environment, overrides) as a complete experiment file.</summary>
    /// <exception cref="ConfigurationException">No experiment, or one without a name.</exception>
    public static JsonObject Experiment(IHost host)
    {
        IConfigurationSection section = host.Services.GetRequiredService<IConfiguration>().GetSection("Experiment");
        if (!section.GetChildren().Any())
            throw new ConfigurationException("Experiment", "missing: the experiment to submit (config/appsettings.json, or --experiment <file>).");
        JsonObject experiment = ConfigJson.From(section);
        if (experiment["Name"]?.ToString() is not { Length: > 0 })
            throw new ConfigurationException("Experiment:Name", "missing: a queued experiment needs a name (its runs go to runs/<name>/).");
        return new JsonObject { ["Experiment"] = experiment };
    }

    /// <summary>
    /// Checks every experiment about to be enqueued as <c>validate</c> does, without loading data (a worker may see
    /// other files): keys, settings, component names and options. All problems of all of them are reported together.
    /// </summary>
    /// <exception cref="ConfigurationException">Any problem; nothing was enqueued.</exception>
    public static void Check(IHost host, IEnumerable<(string Name, JsonObject File)> experiments)
    {
        var problems = new List<string>();
        foreach (var (name, file) in experiments)
        {
            IConfigurationSection section = Section(file, "Experiment");
            var check = new ExperimentCheck(CommandSupport.Registry(host), section, CommandSupport.ContentRootOf(host));
            check.Run(loadData: false, CancellationToken.None);
            problems.AddRange(check.Problems.Select(p => $"{name}: {p}"));
        }
        if (problems.Count > 0)
            throw new ConfigurationException("Experiment", $"{problems.Count} problem{(problems.Count == 1 ? "" : "s")}, nothing was enqueued:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
    }

    /// <summary>The section <paramref name="key"/> of an experiment file, as configuration.</summary>
    public static IConfigurationSection Section(JsonObject file, string key)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(file.ToJsonString()))).Build().GetSection(key);

    /// <summary>A job for <paramref name="experiment"/> with a new run id.</summary>
    public static ExperimentJob Job(string name, JsonObject experiment, IReadOnlyDictionary<string, string> parameters)
        => new(name, Encoding.UTF8.GetBytes(experiment.ToJsonString()), RunFolder.NewId(DateTime.UtcNow), parameters);

    /// <summary>The run registry of the configured queue.</summary>
    /// <exception cref="ConfigurationException">The queue keeps none.</exception>
    public static IRunRegistry Registry(IHost host)
        => host.Services.GetRequiredService<RunRegistryHandle>().Registry
           ?? throw new ConfigurationException("Queue:Type", $"the '{Quote.Short(host.Services.GetRequiredService<QueueSettings>().Type)}' queue keeps no run registry; the runs command needs a queue that does (Queue:Type=postgres).");
}
