using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Host;

[NonParallelizable]
public sealed class HostCrossValidationTests
{
    [Test]
    public void KFold_ReportsEveryFoldAndMeanStd_AndSavesTheBestFold()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, TimeSpan.FromMinutes(3),
            "--Experiment:Validation:Type=kfold", "--Experiment:Validation:Folds=3", "--Experiment:Validation:ValidationFraction=",
            "--Experiment:Validation:TestFraction=", "--Experiment:Training:Epochs=4", "--Experiment:Metrics:1=f1");

        Assert.That(run.ExitCode, Is.Zero, run.All);
        JsonObject report = JsonNode.Parse(File.ReadAllText(root.Combine("runs", "spiral", "latest", "report.json")))!.AsObject();
        JsonArray folds = report["folds"]!.AsArray();
        Assert.That(folds.Select(f => f!["split"]!.GetValue<string>()), Is.EqualTo(new[] { "fold 1/3", "fold 2/3", "fold 3/3" }));
        Assert.That(folds.Sum(f => f!["validation_samples"]!.GetValue<int>()), Is.EqualTo(1500), "Validation folds do not partition the data.");

        double[] accuracies = folds.Select(f => f!["validation"]!["accuracy"]!.GetValue<double>()).ToArray();
        double mean = accuracies.Average();
        Assert.That(report["cross_validation"]!["validation"]!["accuracy"]!["mean"]!.GetValue<double>(), Is.EqualTo(mean).Within(1e-12));
        double std = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / accuracies.Length);
        Assert.That(report["cross_validation"]!["validation"]!["accuracy"]!["std"]!.GetValue<double>(), Is.EqualTo(std).Within(1e-12));
        Assert.That(report["cross_validation"]!["validation"]!["f1"], Is.Not.Null);
        Assert.That(report["cross_validation"]!["epochs_trained"]!.GetValue<int>(), Is.EqualTo(12), "3 folds × 4 epochs.");
        Assert.That(report["train"]!["epochs_trained"]!.GetValue<int>(), Is.EqualTo(12));
        string saved = report["saved_split"]!.GetValue<string>();
        Assert.That(folds.Select(f => f!["split"]!.GetValue<string>()), Does.Contain(saved));
        Assert.That(report["test"]!.AsObject(), Is.Empty, "No test set was held out, so nothing is reported as test.");
        Assert.That(report["saved_because"]!.GetValue<string>(), Does.StartWith("lowest validation loss"));
        Assert.That(run.StandardOutput, Does.Contain("3 folds, mean ± std over folds; 12 epochs trained in all"));
        Assert.That(run.StandardOutput, Does.Contain($"model kept: {saved}"));
    }
}
