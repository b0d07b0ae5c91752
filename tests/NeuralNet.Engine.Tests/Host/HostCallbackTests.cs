using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>Callbacks through the real host: early stopping ends training and restores the best epoch's weights; a schedule's rates reach the report.</summary>
[NonParallelizable]
public sealed class HostCallbackTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Test]
    public void EarlyStopping_StopsAtTheRightEpoch_AndTheSavedModelIsTheBestEpochs()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        // A high learning rate makes validation loss bounce, so it stops improving well before 60 epochs.
        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Training:Epochs=60", "--Experiment:Optimizer:LearningRate=0.05",
            "--Experiment:Callbacks:1:Type=early_stopping", "--Experiment:Callbacks:1:Patience=3", "--Experiment:Callbacks:1:RestoreBest=true");
        Assert.That(run.ExitCode, Is.Zero, run.All);

        JsonObject report = JsonNode.Parse(File.ReadAllText(root.Combine("runs", "spiral", "latest", "report.json")))!.AsObject();
        double[] losses = report["history"]!.AsArray().Select(h => h!["validation"]!["loss"]!.GetValue<double>()).ToArray();
        int best = Array.IndexOf(losses, losses.Min());
        Assert.That(losses.Length, Is.LessThan(60), "Early stopping never stopped: the test would prove nothing.");
        Assert.That(losses.Length, Is.EqualTo(best + 1 + 3), "Training should stop 3 epochs after the best one.");
        Assert.That(report["train"]!["stopped_early"]!.GetValue<string>(), Does.Contain($"best").And.Contain($"at epoch {best + 1}"));
        // Validation is evaluated again after the weights are restored: it must be the best epoch's, exactly.
        Assert.That(report["validation"]!["loss"]!.GetValue<double>(), Is.EqualTo(Math.Round(losses[best], 15)).Within(1e-12));
        Assert.That(run.StandardOutput, Does.Contain($"restored the weights of epoch {best + 1}"));
    }

    [Test]
    public void StepSchedule_LearningRatePerEpoch_IsInTheReport()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Training:Epochs=5",
            "--Experiment:Callbacks:1:Type=step", "--Experiment:Callbacks:1:StepSize=2", "--Experiment:Callbacks:1:Gamma=0.5");
        Assert.That(run.ExitCode, Is.Zero, run.All);
        JsonObject report = JsonNode.Parse(File.ReadAllText(root.Combine("runs", "spiral", "latest", "report.json")))!.AsObject();
        double[] rates = report["history"]!.AsArray().Select(h => h!["learning_rate"]!.GetValue<double>()).ToArray();
        Assert.That(rates, Is.EqualTo(new[] { 0.01, 0.01, 0.005, 0.005, 0.0025 }).Within(1e-9));
    }
}
