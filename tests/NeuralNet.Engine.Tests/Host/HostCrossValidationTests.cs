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
        JsonObject report = JsonNode.Parse(File.ReadAllText(root.Combine("runs", "spiral", "report.json")))!.AsObject();
        JsonArray folds = report["folds"]!.AsArray();
        Assert.That(folds.Select(f => f!["split"]!.GetValue<string>()), Is.EqualTo(new[] { "fold 1/3", "fold 2/3", "fold 3/3" }));
        Assert.That(folds.Sum(f => f!["validation_samples"]!.GetValue<int>()), Is.EqualTo(1500), "Validation folds do not partition the data.");

        double[] accuracies = folds.Select(f => f!["validation"]!["accuracy"]!.GetValue<double>()).ToArray();
        double mean = accuracies.Average();
        Assert.That(report["cross_validation"]!["accuracy"]!["mean"]!.GetValue<double>(), Is.EqualTo(mean).Within(1e-12));
        Assert.That(report["cross_validation"]!["f1"], Is.Not.Null);
        string saved = report["saved_split"]!.GetValue<string>();
        Assert.That(folds.Select(f => f!["split"]!.GetValue<string>()), Does.Contain(saved));
        Assert.That(report["test"]!.AsObject(), Is.Empty, "No test set was held out, so nothing is reported as test.");
        Assert.That(run.StandardOutput, Does.Contain("3-fold validation"));
    }
}
