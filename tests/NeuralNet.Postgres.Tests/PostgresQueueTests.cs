using System.Globalization;
using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Postgres.Tests.Support;

namespace NeuralNet.Postgres.Tests;

/// <summary>
/// The PostgreSQL queue and registry with real worker processes on a real server: many workers and jobs, a worker
/// killed mid-job, the server restarted under the workers, a sweep compared, repeated failures parked.
/// </summary>
[NonParallelizable]
public sealed class PostgresQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private PostgresCluster _cluster = null!;

    [OneTimeSetUp]
    public void StartCluster() => _cluster = PostgresCluster.StartOrSkip();

    [OneTimeTearDown]
    public void StopCluster() => _cluster?.Dispose();

    [Test]
    public void ThreeWorkers_TwelveJobs_EachTrainedExactlyOnce_AllRegisteredWithMetrics()
    {
        using var host = new QueueHost(_cluster);
        string file = host.Experiment("tiny.json", _ => { });
        var submitted = host.Command("sweep", "--experiment", file, "--grid", "Seed=" + string.Join(',', Enumerable.Range(1, 12)));
        Assert.That(submitted.ExitCode, Is.Zero, submitted.All);
        Assert.That(host.Jobs("queued"), Is.EqualTo(12));

        // A long lease: a worker starved of CPU on a busy machine must not lose its claim here (other tests do that on purpose).
        for (int w = 1; w <= 3; w++) host.Worker($"w{w}", leaseSeconds: 60);
        host.WaitFor(() => host.Jobs("completed") == 12, Timeout, "12 completed jobs");

        var jobs = host.Query("SELECT name, run_id, attempts, errors FROM jobs ORDER BY id");
        foreach (object?[] job in jobs)
        {
            string name = (string)job[0]!;
            Assert.That(job[2], Is.EqualTo(1), $"{name} was claimed more than once.\n{host.Logs}");
            Assert.That((string[])job[3]!, Is.Empty, name);
            Assert.That(CountOf(host.Logs, $"Queue: starting {name} as run"), Is.EqualTo(1), $"{name} was not started exactly once.\n{host.Logs}");
            Assert.That(File.Exists(host.Root.Combine("shared", "models", (string)job[1]!, "spiral", "weights.bin")), $"{name}: no model in the artifact store");
        }
        var runs = host.Query("""
            SELECT r.run_id, r.status, r.seed, r.worker, r.finished_at > r.started_at, r.artifacts->>'report',
                   (SELECT count(*) FROM final_metrics f WHERE f.run_id = r.run_id AND f.name = 'val_accuracy' AND f.value > 0),
                   (SELECT count(DISTINCT epoch) FROM epoch_metrics e WHERE e.run_id = r.run_id)
            FROM runs r ORDER BY r.seed
            """);
        Assert.That(runs.Select(r => r[2]), Is.EqualTo(Enumerable.Range(1, 12).Select(i => (object)(long)i)), "Every seed of the sweep is a run.");
        foreach (object?[] run in runs)
        {
            Assert.That(run[1], Is.EqualTo("completed"));
            Assert.That(run[3], Is.AnyOf("w1", "w2", "w3"));
            Assert.That(run[4], Is.True, "timings");
            Assert.That(File.Exists(new Uri((string)run[5]!).LocalPath), "The report's URI names its file.");
            Assert.That((run[6], run[7]), Is.EqualTo((1L, 3L)), $"run {run[0]}: final val_accuracy and 3 epochs of metrics");
        }
    }

    [Test]
    public void WorkerKilledMidJob_JobReclaimedAfterLease_ResumesFromCheckpoint_WeightsIdenticalToUninterruptedRun()
    {
        using var host = new QueueHost(_cluster);
        string file = LongExperiment(host);
        string[] runIds = [.. Enumerable.Range(0, 2).Select(_ => Submit(host, file))];

        HostWorker first = host.Worker("w1", leaseSeconds: 3);
        string checkpoint = host.Root.Combine("shared", "runs", "spiral", runIds[0], "checkpoints", "holdout", "last.ckpt");
        host.WaitFor(() => File.Exists(checkpoint) && first.Output.Contains("epoch 10/", StringComparison.Ordinal), Timeout, "the first job's 10th epoch");
        first.KillHard();
        Assert.That(first.Output, Does.Not.Contain("epoch 150/"), "The job finished before the kill; make it longer.");

        // The second worker trains the other job, meanwhile the killed claim's lease runs out; then it takes that job back.
        host.Worker("w2", leaseSeconds: 60); // only the killed claim's lease (w1's) is meant to run out
        host.WaitFor(() => host.Jobs("completed") == 2, Timeout, "both jobs completed");

        var killed = host.Query($"SELECT attempts, errors, worker FROM jobs WHERE run_id = '{runIds[0]}'")[0];
        Assert.That(killed[0], Is.EqualTo(2));
        Assert.That((string[])killed[1]!, Has.Length.EqualTo(1).And.Some.Contains("w1: lease expired"));
        Assert.That(killed[2], Is.EqualTo("w2"));
        Assert.That(host.Logs, Does.Contain($"Resuming run {runIds[0]}"), "The re-claimed job did not continue from its checkpoint.");
        byte[] resumed = File.ReadAllBytes(host.Root.Combine("shared", "models", runIds[0], "spiral", "weights.bin"));
        byte[] uninterrupted = File.ReadAllBytes(host.Root.Combine("shared", "models", runIds[1], "spiral", "weights.bin"));
        Assert.That(resumed, Is.EqualTo(uninterrupted), "The resumed run's weights differ from an uninterrupted run's.");
    }

    [Test]
    public void WorkerCutOffLongerThanItsLease_AnotherTakesTheJobOver_TheFirstStopsTrainingIt()
    {
        using var host = new QueueHost(_cluster);
        string runId = Submit(host, LongExperiment(host));
        HostWorker first = host.Worker("w1", leaseSeconds: 2);
        host.WaitFor(() => first.Output.Contains("epoch 5/", StringComparison.Ordinal), Timeout, "the job's 5th epoch on w1");
        first.Pause();
        HostWorker second = host.Worker("w2", leaseSeconds: 60); // only w1's lease is meant to run out
        host.WaitFor(() => second.Output.Contains($"Resuming run {runId}", StringComparison.Ordinal), Timeout, "w2 taking the job over");
        first.Continue();
        host.WaitFor(() => host.Jobs("completed") == 1, Timeout, "the job completed");

        Assert.That(first.Output, Does.Contain($"the claim on spiral (run {runId}) was taken back").And.Contain("left to the worker that holds it now"), host.Logs);
        Assert.That(first.Output, Does.Not.Contain($"(run {runId}) done"), "The cut-off worker finished the run too.");
        Assert.That(second.Output, Does.Contain($"(run {runId}) done"));
        Assert.That(first.Process.HasExited, Is.False, "The cut-off worker should go on with other jobs.");
        var job = host.Query($"SELECT attempts, worker FROM jobs WHERE run_id = '{runId}'")[0];
        Assert.That((job[0], job[1]), Is.EqualTo((2, "w2")));
    }

    [Test]
    public void PostgresRestartedWhileWorkersTrain_WorkersReconnect_NothingLostNothingRunTwice()
    {
        using var host = new QueueHost(_cluster);
        string file = host.Experiment("medium.json", e =>
        {
            e["Data"]!["Samples"] = 600;
            e["Training"]!["Epochs"] = 40;
            e["Training"]!["BatchSize"] = 4;
        });
        var submitted = host.Command("sweep", "--experiment", file, "--grid", "Seed=1,2,3,4,5,6");
        Assert.That(submitted.ExitCode, Is.Zero, submitted.All);
        host.Worker("w1", leaseSeconds: 60);
        host.Worker("w2", leaseSeconds: 60);
        host.WaitFor(() => host.Jobs("running") == 2, Timeout, "both workers training");

        _cluster.Restart(TimeSpan.FromSeconds(2));
        host.WaitFor(() => host.Jobs("completed") == 6, Timeout, "6 completed jobs after the restart");

        Assert.That(host.Logs, Does.Contain("heartbeat failed").Or.Contain("retrying"), "The restart went unnoticed: the test did not test it.");
        foreach (object?[] job in host.Query("SELECT name, attempts FROM jobs"))
        {
            Assert.That(job[1], Is.EqualTo(1), $"{job[0]} was claimed again.\n{host.Logs}");
            Assert.That(CountOf(host.Logs, $"Queue: starting {job[0]} as run"), Is.EqualTo(1), $"{job[0]} was not trained exactly once.\n{host.Logs}");
        }
        Assert.That(host.Query("SELECT count(DISTINCT run_id) FROM final_metrics WHERE name = 'val_accuracy'")[0][0], Is.EqualTo(6L));
    }

    [Test]
    public void Sweep2x2OnSpiral_FourRuns_CompareSortedByValidationAccuracy()
    {
        using var host = new QueueHost(_cluster);
        string file = host.Experiment("spiral.json", e => e["Training"]!["Epochs"] = 5);
        var submitted = host.Command("sweep", "--experiment", file, "--grid", "Optimizer:LearningRate=0.001,0.05", "--grid", "Model:Layers:0:Units=4,32");
        Assert.That(submitted.ExitCode, Is.Zero, submitted.All);
        host.Worker("w1", leaseSeconds: 60);
        host.Worker("w2", leaseSeconds: 60);
        host.WaitFor(() => host.Jobs("completed") == 4, Timeout, "4 completed trials");

        var compare = host.Command("runs", "compare", "--name", "spiral", "--metric", "val_accuracy");
        Assert.That(compare.ExitCode, Is.Zero, compare.All);
        string[] lines = compare.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(header[..6], Is.EqualTo(new[] { "rank", "run", "status", "Optimizer:LearningRate", "Model:Layers:0:Units", "val_accuracy" }), compare.StandardOutput);
        string[][] rows = [.. lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        Assert.That(rows, Has.Length.EqualTo(4), compare.StandardOutput);
        double[] accuracy = [.. rows.Select(r => double.Parse(r[5], CultureInfo.InvariantCulture))];
        Assert.That(accuracy, Is.Ordered.Descending, compare.StandardOutput);
        Assert.That(rows.Select(r => (r[3], r[4])), Is.EquivalentTo(new[] { ("0.001", "4"), ("0.001", "32"), ("0.05", "4"), ("0.05", "32") }));
        // The best trial's accuracy is what its report says.
        var best = host.Query($"SELECT value FROM final_metrics WHERE run_id = '{rows[0][1]}' AND name = 'val_accuracy'")[0][0];
        Assert.That((double)best!, Is.EqualTo(accuracy[0]).Within(1e-4));
    }

    [Test]
    public void SweepWithSplits_OneJobPerKFoldFold_EachTrainingItsFold()
    {
        using var host = new QueueHost(_cluster);
        string file = host.Experiment("folds.json", e => e["Validation"] = new JsonObject { ["Type"] = "kfold", ["Folds"] = 3 });
        var submitted = host.Command("sweep", "--experiment", file, "--grid", "Optimizer:LearningRate=0.01", "--splits");
        Assert.That(submitted.ExitCode, Is.Zero, submitted.All);
        Assert.That(submitted.StandardOutput, Does.Contain("Training:Split=1").And.Contain("Training:Split=2").And.Contain("Training:Split=3"));
        host.Worker("w1", leaseSeconds: 60);
        host.WaitFor(() => host.Jobs("completed") == 3, Timeout, "3 completed folds");

        var compare = host.Command("runs", "compare", "--name", "spiral", "--metric", "val_accuracy");
        Assert.That(compare.ExitCode, Is.Zero, compare.All);
        Assert.That(compare.StandardOutput, Does.Contain("Training:Split"), compare.StandardOutput);
        Assert.That(host.Query("SELECT count(DISTINCT run_id) FROM final_metrics WHERE name = 'val_accuracy'")[0][0], Is.EqualTo(3L));
    }

    [Test]
    public void SweepWithSplits_KeepRetrain_RejectedNothingEnqueued()
    {
        using var host = new QueueHost(_cluster);
        string file = host.Experiment("retrain.json", e => e["Validation"] = new JsonObject { ["Type"] = "kfold", ["Folds"] = 3, ["Keep"] = "retrain" });
        Assert.That(host.Command("runs", "list").ExitCode, Is.Zero); // the tables exist
        var rejected = host.Command("sweep", "--experiment", file, "--grid", "Seed=1,2", "--splits");
        Assert.That(rejected.ExitCode, Is.EqualTo(2), rejected.All);
        Assert.That(rejected.StandardError, Does.Contain("Experiment:Validation:Keep").And.Contain("retrain"));
        Assert.That(host.Query("SELECT count(*) FROM jobs")[0][0], Is.Zero);
    }

    [Test]
    public void JobFailingMaxAttemptsTimes_IsParkedWithEveryError()
    {
        using var host = new QueueHost(_cluster);
        // Valid as configuration (submit checks that), failing when a worker loads the data.
        string file = host.Experiment("broken.json", e => e["Data"] = new JsonObject { ["Type"] = "csv", ["Path"] = "missing.csv" });
        string runId = Submit(host, file);
        host.Worker("w1", leaseSeconds: 60, "--Queue:MaxAttempts=2");
        host.WaitFor(() => host.Jobs("parked") == 1, Timeout, "the broken job parked");
        var job = host.Query($"SELECT attempts, errors FROM jobs WHERE run_id = '{runId}'")[0];
        Assert.That(job[0], Is.EqualTo(2));
        Assert.That((string[])job[1]!, Has.Length.EqualTo(2).And.All.Contains("missing.csv"));
        var shown = host.Command("runs", "show", runId);
        Assert.That(shown.StandardOutput, Does.Contain("status     parked").And.Contain("missing.csv"), shown.All);
    }

    [Test]
    public void SweepWithATrialThatCannotRun_RejectedWithEveryProblem_NothingEnqueued()
    {
        using var host = new QueueHost(_cluster);
        Assert.That(host.Command("runs", "list").ExitCode, Is.Zero); // the tables exist
        var rejected = host.Command("sweep", "--grid", "Optimizer:LearningRate=0.1,fast,slow");
        Assert.That(rejected.ExitCode, Is.EqualTo(2), rejected.All);
        Assert.That(rejected.StandardError, Does.Contain("2 problems, nothing was enqueued").And.Contain("spiral-trial002: Experiment:Optimizer:LearningRate")
            .And.Contain("spiral-trial003: Experiment:Optimizer:LearningRate"));
        Assert.That(host.Query("SELECT count(*) FROM jobs")[0][0], Is.Zero);
    }

    [Test]
    public void ConnectionStringThatDoesNotConnect_Exit2NamingHostAndDatabaseNotPassword_BeforeAnyWork()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        int closedPort = _cluster.Port + 1 == 65536 ? _cluster.Port - 1 : _cluster.Port + 1;
        var refused = HostProcess.Run(root.Path, Timeout, "train", "--mode", "worker", "--Queue:Type=postgres",
            $"--Queue:ConnectionString=Host=127.0.0.1;Port={closedPort};Database=jobsdb;Username=nn;Password=sekrit-pw");
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.All);
        Assert.That(refused.StandardError, Does.Contain("Queue:ConnectionString").And.Contain($"127.0.0.1:{closedPort}").And.Contain("'jobsdb'"));
        Assert.That(refused.All, Does.Not.Contain("sekrit-pw"));
        Assert.That(Directory.Exists(Path.Combine(root.Path, "queue")) || Directory.Exists(Path.Combine(root.Path, "runs")), Is.False, "Work started.");

        var missing = HostProcess.Run(root.Path, Timeout, "submit", "--Queue:Type=postgres",
            $"--Queue:ConnectionString=Host=127.0.0.1;Port={_cluster.Port};Database=nosuchdb;Username=nn;Password=sekrit-pw");
        Assert.That(missing.ExitCode, Is.EqualTo(2), missing.All);
        Assert.That(missing.StandardError, Does.Contain("'nosuchdb'").And.Contain("does not exist"));
        Assert.That(missing.All, Does.Not.Contain("sekrit-pw"));
    }

    [Test]
    public void Migrations_AreIdempotent_AndASchemaFromANewerVersionIsRefusedNamingBothVersions()
    {
        using var host = new QueueHost(_cluster);
        Assert.That(host.Command("runs", "list").ExitCode, Is.Zero);
        Assert.That(host.Command("runs", "list").ExitCode, Is.Zero);
        Assert.That(host.Query("SELECT version FROM schema_version").Select(r => r[0]), Is.EqualTo(new object[] { 1 }));

        host.Cluster.Execute(host.Database, "INSERT INTO schema_version (version, description) VALUES (9, 'from the future')");
        var refused = host.Command("submit");
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.All);
        Assert.That(refused.StandardError, Does.Contain("schema version 9, newer than version 1"));
        Assert.That(host.Jobs("queued"), Is.Zero);
    }

    [Test]
    public void SweepGridKeyNotInTheExperiment_RejectedBeforeAnyJobIsEnqueued()
    {
        using var host = new QueueHost(_cluster);
        Assert.That(host.Command("runs", "list").ExitCode, Is.Zero); // the tables exist
        var rejected = host.Command("sweep", "--grid", "Optimizer:LearningRate=0.1,0.2", "--grid", "Optimizer:LernRate=0.1,0.2");
        Assert.That(rejected.ExitCode, Is.EqualTo(2), rejected.All);
        Assert.That(rejected.StandardError, Does.Contain("'Optimizer:LernRate' is not a value of the experiment").And.Contain("Nothing was enqueued"));
        Assert.That(host.Query("SELECT count(*) FROM jobs")[0][0], Is.Zero);
    }

    [Test]
    public void UnknownQueueType_Exit2NamingTheKnownTypes()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var result = HostProcess.Run(root.Path, Timeout, "submit", "--Queue:Type=redis");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.All);
        Assert.That(result.StandardError, Does.Contain("Queue:Type: unknown queue type 'redis'. Known: folder, postgres"));
    }

    /// <summary>A job of several seconds: 150 epochs of 600 points in batches of 4, a checkpoint after each.</summary>
    private static string LongExperiment(QueueHost host) => host.Experiment("long.json", e =>
    {
        e["Data"]!["Samples"] = 600;
        e["Training"]!["Epochs"] = 150;
        e["Training"]!["BatchSize"] = 4;
    });

    private static string Submit(QueueHost host, string file)
    {
        var submitted = host.Command("submit", "--experiment", file);
        Assert.That(submitted.ExitCode, Is.Zero, submitted.All);
        return submitted.StandardOutput.Trim().Split(' ')[^1];
    }

    private static int CountOf(string text, string part) => text.Split('\n').Count(l => l.Contains(part, StringComparison.Ordinal));
}
