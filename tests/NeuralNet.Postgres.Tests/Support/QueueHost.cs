using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Postgres.Tests.Support;

/// <summary>A content root whose host processes share one PostgreSQL database as queue and registry, and a shared artifact folder.</summary>
internal sealed class QueueHost : IDisposable
{
    private readonly List<HostWorker> _workers = [];

    public QueueHost(PostgresCluster cluster)
    {
        Cluster = cluster;
        Database = cluster.CreateDatabase();
        Root = HostProcess.NewContentRoot();
    }

    public PostgresCluster Cluster { get; }

    public string Database { get; }

    public TempDirectory Root { get; }

    /// <summary>The queue settings every process of this test gets.</summary>
    public string[] QueueArgs => ["--Queue:Type=postgres", $"--Queue:ConnectionString={Cluster.ConnectionString(Database)}", "--Queue:ArtifactsDirectory=shared"];

    /// <summary>Writes an experiment file: the default spiral, smaller, without charts, changed by <paramref name="change"/>.</summary>
    public string Experiment(string file, Action<JsonObject> change)
    {
        var experiment = JsonNode.Parse(File.ReadAllText(Root.Combine("config", "appsettings.json")))!["Experiment"]!.DeepClone().AsObject();
        experiment["Data"]!["Samples"] = 300;
        experiment["Training"]!["Epochs"] = 3;
        experiment["Charts"] = new JsonObject { ["Enabled"] = false };
        experiment["Callbacks"] = new JsonArray();
        change(experiment);
        string path = Root.Combine(file);
        File.WriteAllText(path, new JsonObject { ["Experiment"] = experiment }.ToJsonString());
        return path;
    }

    /// <summary>Runs a command of the host to its end.</summary>
    public HostProcess.Result Command(params string[] args) => HostProcess.Run(Root.Path, TimeSpan.FromMinutes(1), [.. args, .. QueueArgs]);

    /// <summary>Starts a worker on the queue with short heartbeats and the given lease.</summary>
    public HostWorker Worker(string name, double leaseSeconds, params string[] extra)
    {
        var worker = new HostWorker(Root.Path, name, ["train", "--mode", "worker", $"--Host:WorkerId={name}", "--Host:PollSeconds=0.2",
            "--Host:HeartbeatSeconds=0.5", $"--Host:LeaseSeconds={leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}", .. QueueArgs, .. extra]);
        _workers.Add(worker);
        return worker;
    }

    public string Logs => string.Join("\n", _workers.Select(w => $"--- {w.Name}\n{w.Output}"));

    public List<object?[]> Query(string sql) => Cluster.Query(Database, sql);

    /// <summary>Waits until <paramref name="done"/> holds, failing with the workers' logs after <paramref name="timeout"/> or when a worker exits.</summary>
    public void WaitFor(Func<bool> done, TimeSpan timeout, string what)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}.\n{Logs}");
            if (_workers.FirstOrDefault(w => w.Process.HasExited && !w.Killed) is { } gone) Assert.Fail($"Worker {gone.Name} exited ({gone.Process.ExitCode}) while waiting for {what}.\n{Logs}");
            Thread.Sleep(200);
        }
    }

    /// <summary>The number of jobs with <paramref name="status"/>.</summary>
    public long Jobs(string status) => (long)Query($"SELECT count(*) FROM jobs WHERE status = '{status}'")[0][0]!;

    public void Dispose()
    {
        foreach (HostWorker worker in _workers) worker.Dispose();
        Root.Dispose();
    }
}
