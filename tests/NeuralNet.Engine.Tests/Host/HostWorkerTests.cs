using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>Worker mode as real processes: two workers on one queue, files that vanish, are written slowly, are garbage or FIFOs; a graceful stop; a crash's exit code.</summary>
[NonParallelizable]
public sealed class HostWorkerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static JsonObject Experiment(TempDirectory root, string name)
    {
        var experiment = JsonNode.Parse(File.ReadAllText(root.Combine("config", "appsettings.json")))!["Experiment"]!.DeepClone().AsObject();
        experiment["Name"] = name;
        experiment["Training"]!["Epochs"] = 1;
        experiment["Data"]!["Samples"] = 300;
        experiment["Charts"] = new JsonObject { ["Enabled"] = false };
        return new JsonObject { ["Experiment"] = experiment };
    }

    private sealed class Worker(TempDirectory root, string id) : HostWorker(root.Path, id,
        "train", "--mode", "worker", $"--Host:WorkerId={id}", "--Host:PollSeconds=0.2", "--Host:SettleSeconds=1", "--Host:HeartbeatSeconds=0.5");

    [Test]
    public void TwoWorkers_TwentyFiles_EachValidFileTrainedOnce_EveryFileAccountedFor_WorkersKeepRunning()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        string queue = root.Combine("queue");
        Directory.CreateDirectory(queue);
        var valid = Enumerable.Range(0, 16).Select(i => $"q{i:00}").ToList();
        foreach (string name in valid)
        {
            // Half written as *.tmp and renamed (complete at once), half written in place (taken once settled).
            string path = Path.Combine(queue, name + ".json");
            if (valid.IndexOf(name) % 2 == 0)
            {
                File.WriteAllText(path + ".tmp", Experiment(root, name).ToJsonString());
                File.Move(path + ".tmp", path);
            }
            else File.WriteAllText(path, Experiment(root, name).ToJsonString());
        }
        File.WriteAllBytes(Path.Combine(queue, "garbage.json"), [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 37 % 256))]);
        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(queue, "fifo.json")])) mkfifo.WaitForExit();
        File.WriteAllText(Path.Combine(queue, "vanish.json"), Experiment(root, "vanish").ToJsonString());

        using var w1 = new Worker(root, "w1");
        using var w2 = new Worker(root, "w2");
        File.Delete(Path.Combine(queue, "vanish.json")); // gone before it settled
        // Written slowly: a chunk every 300 ms for about 3 s, longer than the settle period only in total.
        string slow = Experiment(root, "slow").ToJsonString();
        using (var stream = new FileStream(Path.Combine(queue, "slow.json"), FileMode.CreateNew))
        {
            byte[] bytes = Encoding.UTF8.GetBytes(slow);
            int chunk = bytes.Length / 10 + 1;
            for (int offset = 0; offset < bytes.Length; offset += chunk)
            {
                stream.Write(bytes, offset, Math.Min(chunk, bytes.Length - offset));
                stream.Flush();
                Thread.Sleep(300);
            }
        }
        valid.Add("slow");

        string done = Path.Combine(queue, "done"), failed = Path.Combine(queue, "failed");
        string[] Experiments(string dir) => Directory.Exists(dir)
            ? Directory.GetFileSystemEntries(dir, "*.json").Select(p => Path.GetFileName(p)).Where(n => !n.EndsWith(".result.json", StringComparison.Ordinal)).ToArray()
            : [];
        int Count(string dir) => Experiments(dir).Length;
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline && Count(done) + Count(failed) < 19 && !w1.Process.HasExited && !w2.Process.HasExited)
            Thread.Sleep(200);

        string logs = w1.Output + w2.Output;
        Assert.That(w1.Process.HasExited || w2.Process.HasExited, Is.False, "A worker stopped.\n" + logs);
        Assert.That(Experiments(done), Is.EquivalentTo(valid.Select(n => n + ".json")), logs);
        Assert.That(Experiments(failed), Is.EquivalentTo(new[] { "garbage.json", "fifo.json" }), logs);
        Assert.That(File.ReadAllText(Path.Combine(failed, "fifo.json.error.txt")), Does.Contain("not a regular file"));
        Assert.That(File.ReadAllText(Path.Combine(failed, "garbage.json.error.txt")), Does.StartWith("run ").And.Contain("garbage.json"));
        foreach (string name in valid)
        {
            Assert.That(logs.Split('\n').Count(l => l.Contains($"Queue: starting {name}.json", StringComparison.Ordinal)), Is.EqualTo(1), $"{name} was not trained exactly once.\n{logs}");
            Assert.That(File.Exists(root.Combine("models", name, "model.json")), name);
            Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(done, name + ".json.result.json")))!["run_id"], Is.Not.Null);
        }
        Assert.That(Directory.GetFileSystemEntries(queue, "*.json"), Is.Empty, "Files left in the queue.");
        Assert.That(Directory.GetFiles(Path.Combine(queue, "running"), "*.json", SearchOption.AllDirectories), Is.Empty, "Claims left behind.");
        Assert.That(File.Exists(Path.Combine(done, "vanish.json")) || File.Exists(Path.Combine(failed, "vanish.json")), Is.False);

        var health = JsonNode.Parse(File.ReadAllText(Path.Combine(queue, "health", "w1.json")))!;
        Assert.That(health["state"]!.GetValue<string>(), Is.EqualTo("idle"));
        Assert.That(DateTimeOffset.UtcNow - DateTimeOffset.Parse(health["heartbeat"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(TimeSpan.FromSeconds(10)));

        // Graceful stop on SIGTERM, within 10 s, exit 0.
        var clock = Stopwatch.StartNew();
        w1.Terminate();
        w2.Terminate();
        Assert.That(w1.Process.WaitForExit(TimeSpan.FromSeconds(10)) && w2.Process.WaitForExit(TimeSpan.FromSeconds(10)), Is.True, "SIGTERM did not stop the workers in 10 s.");
        Assert.That((w1.Process.ExitCode, w2.Process.ExitCode), Is.EqualTo((0, 0)), w1.Output + w2.Output);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void SigtermDuringARun_PutsTheExperimentBackInTheQueue()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        string queue = root.Combine("queue");
        Directory.CreateDirectory(queue);
        var experiment = Experiment(root, "long");
        experiment["Experiment"]!["Training"]!["Epochs"] = 100000;
        File.WriteAllText(Path.Combine(queue, "long.json.tmp"), experiment.ToJsonString());
        File.Move(Path.Combine(queue, "long.json.tmp"), Path.Combine(queue, "long.json"));
        using var worker = new Worker(root, "w1");
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline && !worker.Output.Contains("epoch 2/", StringComparison.Ordinal)) Thread.Sleep(100);
        Thread.Sleep(1500); // a heartbeat or two
        var health = JsonNode.Parse(File.ReadAllText(Path.Combine(queue, "health", "w1.json")))!;
        Assert.That(health["state"]!.GetValue<string>(), Is.EqualTo("training"));
        Assert.That(health["experiment"]!.GetValue<string>(), Is.EqualTo("long.json"));
        Assert.That(health["epoch"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(2));
        Assert.That(health["epochs"]!.GetValue<int>(), Is.EqualTo(100000));

        worker.Terminate();
        Assert.That(worker.Process.WaitForExit(TimeSpan.FromSeconds(10)), Is.True, "SIGTERM did not stop the worker in 10 s.");
        Assert.That(worker.Process.ExitCode, Is.Zero, worker.Output);
        Assert.That(File.Exists(Path.Combine(queue, "long.json")), Is.True, "The interrupted experiment is not back in the queue.\n" + worker.Output);
        Assert.That(Directory.Exists(root.Combine("models", "long")), Is.False);
        string run = Path.GetFileName(Directory.GetDirectories(root.Combine("runs", "long")).Single());
        Assert.That(worker.Output, Does.Contain($"Starting run {run}"));

        // Restarted, the worker takes the experiment again and continues the same run from its checkpoint.
        using var restarted = new Worker(root, "w1");
        deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline && !restarted.Output.Contains("resumed ", StringComparison.Ordinal)) Thread.Sleep(100);
        Assert.That(restarted.Output, Does.Contain($"Resuming run {run}").And.Contain("resumed "), restarted.Output);
        restarted.Terminate();
        Assert.That(restarted.Process.WaitForExit(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(Directory.GetDirectories(root.Combine("runs", "long")), Has.Length.EqualTo(1), "The restarted job began a new run.");
    }

    [Test]
    public void WorkerThatCannotUseItsQueue_ExitsNonZero()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        File.WriteAllText(root.Combine("queue"), "a file where the queue folder should be");
        var run = HostProcess.Run(root.Path, Timeout, "train", "--mode", "worker", "--Host:PollSeconds=0.2");
        Assert.That(run.ExitCode, Is.Not.Zero, run.All);
        Assert.That(run.StandardError, Does.Contain("queue"));
    }
}
