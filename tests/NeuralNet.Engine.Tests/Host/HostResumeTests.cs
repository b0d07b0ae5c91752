using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>
/// Exact resume through the real host process: a run killed with SIGKILL part-way and continued with --resume ends
/// with weights.bin byte-identical to a run that never stopped (a dense net with dropout, and a small CNN with batch
/// norm and augmentation-free image data); SIGTERM finishes the batch, writes a checkpoint and exits 130 saying how to
/// resume; checkpoints of another architecture, corrupt ones, and a --resume with nothing to resume are refused.
/// </summary>
[NonParallelizable]
public sealed class HostResumeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private const string Mlp = """
        {
          "Experiment": {
            "Name": "resume-mlp",
            "Seed": 11,
            "Data": { "Type": "spiral", "Samples": 6000, "Classes": 3 },
            "Validation": { "Type": "holdout", "ValidationFraction": 0.15, "TestFraction": 0.15 },
            "Model": { "Layers": [
              { "Type": "dense", "Units": 64, "Activation": "relu" },
              { "Type": "dropout", "Rate": 0.3 },
              { "Type": "dense", "Units": 64, "Activation": "relu" },
              { "Type": "dense", "Activation": "softmax" }
            ] },
            "Loss": "categorical_crossentropy",
            "Optimizer": { "Type": "adam", "LearningRate": 0.003 },
            "Metrics": [ "accuracy" ],
            "Callbacks": [ { "Type": "cosine", "WarmupEpochs": 2 }, { "Type": "early_stopping", "Patience": 50, "RestoreBest": true } ],
            "Training": { "Epochs": 16, "BatchSize": 16 },
            "Charts": { "Enabled": false }
          }
        }
        """;

    private const string Cnn = """
        {
          "Experiment": {
            "Name": "resume-cnn",
            "Seed": 5,
            "Data": { "Type": "image_folder", "Path": "shapes/train", "Color": "grey" },
            "Validation": { "Type": "holdout", "ValidationFraction": 0.25, "TestFraction": 0 },
            "Model": { "Layers": [
              { "Type": "conv2d", "Filters": 8, "KernelSize": 3, "Padding": "same" },
              { "Type": "batch_norm", "Activation": "relu" },
              { "Type": "max_pool2d", "PoolSize": 2 },
              { "Type": "flatten" },
              { "Type": "dense", "Units": 16, "Activation": "relu" },
              { "Type": "dropout", "Rate": 0.2 },
              { "Type": "dense", "Activation": "softmax" }
            ] },
            "Loss": "categorical_crossentropy",
            "Optimizer": { "Type": "adam", "LearningRate": 0.01 },
            "Metrics": [ "accuracy" ],
            "Augmentation": [ { "Type": "horizontal_flip" } ],
            "Training": { "Epochs": 12, "BatchSize": 8 },
            "Charts": { "Enabled": false }
          }
        }
        """;

    [TestCase("resume-mlp")]
    [TestCase("resume-cnn")]
    public void Sigkill_ThenResume_EndsWithByteIdenticalWeights(string name)
    {
        using TempDirectory reference = NewRoot(name);
        HostProcess.Result whole = HostProcess.Run(reference.Path, Timeout, "--experiment", reference.Combine(name + ".json"));
        Assert.That(whole.ExitCode, Is.Zero, whole.All);

        using TempDirectory killed = NewRoot(name);
        using (Process process = HostProcess.Start(killed.Path, "--experiment", killed.Combine(name + ".json")))
        {
            WaitForLine(process, "epoch 3/");
            Assert.That(process.HasExited, Is.False, "The run finished before it could be killed: the test would prove nothing.");
            process.Kill(); // SIGKILL
            process.WaitForExit();
        }
        Assert.That(File.Exists(killed.Combine("models", name, "weights.bin")), Is.False, "A killed run must not have saved a model.");

        HostProcess.Result resumed = HostProcess.Run(killed.Path, Timeout, "--experiment", killed.Combine(name + ".json"), "--resume");
        Assert.That(resumed.ExitCode, Is.Zero, resumed.All);
        Assert.That(resumed.StandardOutput, Does.Contain("Resuming run").And.Contain("resumed after epoch"));
        Assert.That(File.ReadAllBytes(killed.Combine("models", name, "weights.bin")),
            Is.EqualTo(File.ReadAllBytes(reference.Combine("models", name, "weights.bin"))), "Resumed weights differ from the uninterrupted run's.");

        JsonObject report = JsonNode.Parse(File.ReadAllText(killed.Combine("runs", name, "latest", "report.json")))!.AsObject();
        JsonObject referenceReport = JsonNode.Parse(File.ReadAllText(reference.Combine("runs", name, "latest", "report.json")))!.AsObject();
        Assert.That(report["history"]!.AsArray().Select(h => h!["validation"]!["loss"]!.GetValue<double>()),
            Is.EqualTo(referenceReport["history"]!.AsArray().Select(h => h!["validation"]!["loss"]!.GetValue<double>())), "The history was not carried over exactly.");
        Assert.That(report["history"]!.AsArray().Select(h => h!["learning_rate"]!.GetValue<double>()),
            Is.EqualTo(referenceReport["history"]!.AsArray().Select(h => h!["learning_rate"]!.GetValue<double>())));
        Assert.That(Directory.GetDirectories(killed.Combine("runs", name)).Where(d => Path.GetFileName(d) != "latest"), Has.Exactly(1).Items, "Resuming made a second run folder.");
    }

    [Test]
    public void Sigterm_FinishesTheBatch_WritesACheckpoint_Exits130_AndTheRunResumesExactly()
    {
        const string name = "resume-mlp";
        using TempDirectory reference = NewRoot(name);
        Assert.That(HostProcess.Run(reference.Path, Timeout, "--experiment", reference.Combine(name + ".json")).ExitCode, Is.Zero);

        using TempDirectory root = NewRoot(name);
        string output;
        int exitCode;
        using (Process process = HostProcess.Start(root.Path, "--experiment", root.Combine(name + ".json")))
        {
            var lines = WaitForLine(process, "epoch 2/");
            Task<string> rest = process.StandardOutput.ReadToEndAsync(); // keep the pipe drained
            Task<string> errors = process.StandardError.ReadToEndAsync();
            Assert.That(process.HasExited, Is.False);
            var stopwatch = Stopwatch.StartNew();
            using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            Assert.That(process.WaitForExit(TimeSpan.FromSeconds(10)), Is.True, "The host did not stop within 10 s of SIGTERM.");
            process.WaitForExit();
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
            exitCode = process.ExitCode;
            output = string.Join('\n', lines) + rest.Result + errors.Result;
        }
        Assert.That(exitCode, Is.EqualTo(130), output);
        Assert.That(output, Does.Contain("interrupted").And.Contain("--resume"));
        string run = Directory.GetDirectories(root.Combine("runs", name)).Single();
        Assert.That(File.Exists(Path.Combine(run, "checkpoints", "holdout", "last.ckpt")), Is.True);
        Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(run, "run.json")))!["status"]!.GetValue<string>(), Is.EqualTo("interrupted"));

        HostProcess.Result resumed = HostProcess.Run(root.Path, Timeout, "--experiment", root.Combine(name + ".json"), "--resume", Path.GetFileName(run));
        Assert.That(resumed.ExitCode, Is.Zero, resumed.All);
        Assert.That(File.ReadAllBytes(root.Combine("models", name, "weights.bin")), Is.EqualTo(File.ReadAllBytes(reference.Combine("models", name, "weights.bin"))));
    }

    [Test]
    public void Resume_CheckpointOfAnotherArchitecture_OrCorrupt_IsRefusedWithExit4()
    {
        const string name = "resume-mlp";
        using TempDirectory root = NewRoot(name);
        using (Process process = HostProcess.Start(root.Path, "--experiment", root.Combine(name + ".json")))
        {
            WaitForLine(process, "epoch 2/");
            process.Kill();
            process.WaitForExit();
        }

        HostProcess.Result other = HostProcess.Run(root.Path, Timeout, "--experiment", root.Combine(name + ".json"), "--resume",
            "--Experiment:Model:Layers:0:Units=32");
        Assert.That(other.ExitCode, Is.EqualTo(4), other.All);
        Assert.That(other.StandardError, Does.Contain("last.ckpt").And.Contain("different model architecture").And.Contain("without --resume"));

        string checkpoint = Directory.GetFiles(root.Combine("runs", name), "last.ckpt", SearchOption.AllDirectories).Single();
        byte[] bytes = File.ReadAllBytes(checkpoint);
        bytes[^5] ^= 0x55;
        File.WriteAllBytes(checkpoint, bytes);
        HostProcess.Result corrupt = HostProcess.Run(root.Path, Timeout, "--experiment", root.Combine(name + ".json"), "--resume");
        Assert.That(corrupt.ExitCode, Is.EqualTo(4), corrupt.All);
        Assert.That(corrupt.StandardError, Does.Contain("last.ckpt").And.Contain("corrupt"));
        Assert.That(File.Exists(root.Combine("models", name, "weights.bin")), Is.False);
    }

    [Test]
    public void Resume_WithNothingToResume_IsAConfigurationError()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        HostProcess.Result run = HostProcess.Run(root.Path, Timeout, "--resume");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("--resume").And.Contain("no interrupted run"));
        Assert.That(Directory.Exists(root.Combine("models")), Is.False);
    }

    [Test]
    public void EveryRun_GetsItsOwnFolder_AndLatestPointsAtTheNewest()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        string[] args = ["--Experiment:Training:Epochs=2"];
        HostProcess.Result first = HostProcess.Run(root.Path, Timeout, args);
        HostProcess.Result second = HostProcess.Run(root.Path, Timeout, args);
        Assert.That(first.ExitCode, Is.Zero, first.All);
        Assert.That(second.ExitCode, Is.Zero, second.All);
        string[] runs = Directory.GetDirectories(root.Combine("runs", "spiral")).Select(Path.GetFileName).Where(n => n != "latest").Order().ToArray()!;
        Assert.That(runs, Has.Length.EqualTo(2), "A second run overwrote the first.");
        foreach (string id in runs)
        {
            Assert.That(id, Does.Match(@"^\d{8}-\d{6}-[0-9a-f]{4}$"));
            Assert.That(File.Exists(root.Combine("runs", "spiral", id, "report.json")));
            Assert.That(JsonNode.Parse(File.ReadAllText(root.Combine("runs", "spiral", id, "config.json")))!["Name"]!.GetValue<string>(), Is.EqualTo("spiral"));
        }
        string newest = JsonNode.Parse(File.ReadAllText(root.Combine("runs", "spiral", "latest", "report.json")))!["run_id"]!.GetValue<string>();
        Assert.That(second.StandardOutput, Does.Contain(newest));
        Assert.That(JsonNode.Parse(File.ReadAllText(root.Combine("models", "spiral", "model.json")))!["run_id"]!.GetValue<string>(), Is.EqualTo(newest));
        string plain = first.All + second.All;
        Assert.That(plain.Where(c => char.IsControl(c) && c != '\n'), Is.Empty, "Plain output carries control characters (escape sequences or carriage returns).");
    }

    private static TempDirectory NewRoot(string name)
    {
        TempDirectory root = HostProcess.NewContentRoot();
        if (name == "resume-cnn") HostImageCnnTests.WriteShapes(root.Combine("shapes", "train"), perClass: 64, seed: 1);
        File.WriteAllText(root.Combine(name + ".json"), name == "resume-cnn" ? Cnn : Mlp);
        return root;
    }

    /// <summary>Reads the process's standard output until a line contains <paramref name="text"/>; returns the lines read.</summary>
    private static List<string> WaitForLine(Process process, string text)
    {
        var lines = new List<string>();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Timeout)
        {
            string? line = process.StandardOutput.ReadLine();
            if (line is null) Assert.Fail($"The host exited before printing '{text}':\n{string.Join('\n', lines)}\n{process.StandardError.ReadToEnd()}");
            lines.Add(line!);
            if (line!.Contains(text, StringComparison.Ordinal)) return lines;
        }
        Assert.Fail($"No line with '{text}' within {Timeout}.");
        return lines;
    }
}
