using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Postgres.Tests;

/// <summary><c>submit</c> and <c>runs</c> on the default folder queue: no database needed.</summary>
[NonParallelizable]
public sealed class FolderQueueCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Test]
    public void Submit_FolderQueue_WritesTheExperimentWithItsRunId()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var submitted = HostProcess.Run(root.Path, Timeout, "submit", "--Experiment:Training:Epochs=2");
        Assert.That(submitted.ExitCode, Is.Zero, submitted.All);
        string runId = submitted.StandardOutput.Trim().Split(' ')[^1];
        string queued = root.Combine("queue", "spiral.json");
        Assert.That(JsonNode.Parse(File.ReadAllText(queued))!["Experiment"]!["Training"]!["Epochs"]!.ToString(), Is.EqualTo("2"));
        Assert.That(File.ReadAllText(root.Combine("queue", ".spiral.json.run")), Is.EqualTo(runId), "The next claim must run under the printed id.");
    }

    [Test]
    public void Runs_FolderQueue_Exit2_NoRegistry()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var result = HostProcess.Run(root.Path, Timeout, "runs", "list");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.All);
        Assert.That(result.StandardError, Does.Contain("Queue:Type: the 'folder' queue keeps no run registry"));
    }
}
