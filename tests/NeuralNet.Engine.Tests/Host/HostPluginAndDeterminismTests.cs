using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Host;

[NonParallelizable]
public sealed class HostPluginAndDeterminismTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Test]
    public void ThirdPartyPlugin_InATemporaryPluginsDirectory_IsUsedByName()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        using var plugins = new TempDirectory();
        HostProcess.CopyDirectory(TestPaths.FixturePlugin, plugins.Combine("NeuralNet.TestPlugin"));

        var run = HostProcess.Run(root.Path, Timeout,
            $"--Plugins:Paths:0={plugins.Path}", "--Experiment:Model:Layers:0:Activation=test>softsign", "--Experiment:Training:Epochs=3");

        Assert.That(run.ExitCode, Is.Zero, run.All);
        JsonObject model = JsonNode.Parse(File.ReadAllText(root.Combine("models", "spiral", "model.json")))!.AsObject();
        Assert.That(model["layers"]!.AsArray().Select(l => l!["type"]?.GetValue<string>()), Does.Contain("test>softsign"));
    }

    [Test]
    public void ChartThatThrows_IsLoggedAndSkipped_RunExitsZeroWithModelReportAndOtherCharts()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        using var plugins = new TempDirectory();
        HostProcess.CopyDirectory(TestPaths.FixturePlugin, plugins.Combine("NeuralNet.TestPlugin"));

        var run = HostProcess.Run(root.Path, Timeout, $"--Plugins:Paths:0={plugins.Path}", "--Experiment:Training:Epochs=2",
            "--Experiment:Charts:Kinds:0=test>broken_chart", "--Experiment:Charts:Kinds:1=loss");

        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.All, Does.Contain("Chart 'test>broken_chart' skipped").And.Contain("the broken chart always fails"));
        Assert.That(File.Exists(root.Combine("models", "spiral", "model.json")));
        string runDir = root.Combine("runs", "spiral", "latest");
        Assert.That(File.ReadAllText(Path.Combine(runDir, "run.json")), Does.Contain("completed"));
        Assert.That(Directory.GetFiles(runDir).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "report.json", "run.json", "config.json", "loss.png", "accuracy.png" }), "The broken chart's file was left behind.");
        Assert.That(Directory.GetDirectories(runDir).Select(Path.GetFileName), Has.None.StartsWith(".chart-"), "The broken chart's folder was left behind.");
    }

    [Test]
    public void SvgFormat_ChartsNamedInKinds_WrittenAsWellFormedSvg()
    {
        using TempDirectory root = HostProcess.NewContentRoot();

        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Training:Epochs=2", "--Experiment:Charts:Format=svg",
            "--Experiment:Charts:Kinds:0=confusion", "--Experiment:Charts:Kinds:1=decision_boundary");

        Assert.That(run.ExitCode, Is.Zero, run.All);
        string[] files = ["confusion.svg", "confusion_normalized.svg", "decision_regions.svg"];
        Assert.That(Directory.GetFiles(root.Combine("runs", "spiral", "latest")).Select(Path.GetFileName), Is.EquivalentTo(files.Concat(["report.json", "run.json", "config.json"])));
        foreach (string file in files)
            Assert.That(System.Xml.Linq.XDocument.Load(root.Combine("runs", "spiral", "latest", file)).Root!.Name.LocalName, Is.EqualTo("svg"), file);
    }

    [Test]
    public void SameSeedTwice_GivesIdenticalWeightsAndMetrics()
    {
        using TempDirectory a = HostProcess.NewContentRoot();
        using TempDirectory b = HostProcess.NewContentRoot();
        string[] args = ["--Experiment:Training:Epochs=5"];

        Assert.That(HostProcess.Run(a.Path, Timeout, args).ExitCode, Is.Zero);
        Assert.That(HostProcess.Run(b.Path, Timeout, args).ExitCode, Is.Zero);

        Assert.That(File.ReadAllBytes(b.Combine("models", "spiral", "weights.bin")), Is.EqualTo(File.ReadAllBytes(a.Combine("models", "spiral", "weights.bin"))));
        static string Metrics(TempDirectory d)
        {
            JsonObject r = JsonNode.Parse(File.ReadAllText(d.Combine("runs", "spiral", "latest", "report.json")))!.AsObject();
            return r["validation"]!.ToJsonString() + r["test"]!.ToJsonString() + r["history"]!.AsArray().Select(h => h!["train"]!.ToJsonString()).Aggregate((x, y) => x + y);
        }
        Assert.That(Metrics(b), Is.EqualTo(Metrics(a)));
    }

    [Test]
    public void DifferentSeed_GivesDifferentWeights()
    {
        using TempDirectory a = HostProcess.NewContentRoot();
        using TempDirectory b = HostProcess.NewContentRoot();
        Assert.That(HostProcess.Run(a.Path, Timeout, "--Experiment:Training:Epochs=2").ExitCode, Is.Zero);
        Assert.That(HostProcess.Run(b.Path, Timeout, "--Experiment:Training:Epochs=2", "--Experiment:Seed=99").ExitCode, Is.Zero);
        Assert.That(File.ReadAllBytes(b.Combine("models", "spiral", "weights.bin")), Is.Not.EqualTo(File.ReadAllBytes(a.Combine("models", "spiral", "weights.bin"))));
    }

    [Test]
    public void ServiceMode_TrainsAQueuedExperiment_AndKeepsRunning()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        string queue = root.Combine("queue");
        Directory.CreateDirectory(queue);
        // A queued file is a complete experiment: the default one, renamed and shortened.
        var quick = JsonNode.Parse(File.ReadAllText(root.Combine("config", "appsettings.json")))!["Experiment"]!.DeepClone().AsObject();
        quick["Name"] = "queued";
        quick["Training"]!["Epochs"] = 2;
        File.WriteAllText(Path.Combine(queue, "quick.json"), new JsonObject { ["Experiment"] = quick }.ToJsonString());
        var bad = quick.DeepClone().AsObject();
        bad["Name"] = "bad";
        bad["Loss"] = "nope";
        File.WriteAllText(Path.Combine(queue, "bad.json"), new JsonObject { ["Experiment"] = bad }.ToJsonString());

        using var process = HostProcess.Start(root.Path, "--Host:Mode=service", "--Host:PollSeconds=0.2");
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (DateTime.UtcNow < deadline && !(File.Exists(Path.Combine(queue, "done", "quick.json")) && File.Exists(Path.Combine(queue, "failed", "bad.json"))))
                Thread.Sleep(200);

            Assert.That(File.Exists(Path.Combine(queue, "done", "quick.json")), "The queued experiment was not processed.");
            Assert.That(File.Exists(root.Combine("models", "queued", "model.json")));
            Assert.That(File.ReadAllText(Path.Combine(queue, "failed", "bad.json.error.txt")), Does.Contain("Unknown loss 'nope'"));
            Assert.That(process.HasExited, Is.False, "The service stopped after its queue emptied.");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
