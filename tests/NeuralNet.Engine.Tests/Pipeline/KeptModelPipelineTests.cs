using System.Text.Json.Nodes;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Training;
using NeuralNet.Validation;

namespace NeuralNet.Engine.Tests.Pipeline;

/// <summary>
/// k-fold's <c>Keep</c> (best, last, retrain) and repeated k-fold through the whole pipeline, on a tiny spiral: the
/// report's mean ± std over every fold, the model saved, and a retrain that is the same for any thread count.
/// </summary>
[NonParallelizable]
public sealed class KeptModelPipelineTests
{
    private const string Experiment = """
        {
          "Experiment": {
            "Name": "folds", "Seed": 9,
            "Data": { "Type": "spiral", "Samples": 240, "Classes": 3 },
            "Validation": { "Type": "kfold", "Folds": 3, "TestFraction": 0.25 },
            "Model": { "Layers": [ { "Type": "dense", "Units": 16, "Activation": "relu" }, { "Type": "dropout", "Rate": 0.1 }, { "Type": "dense", "Activation": "softmax" } ] },
            "Loss": "categorical_crossentropy",
            "Optimizer": { "Type": "adam", "LearningRate": 0.02 },
            "Callbacks": [ { "Type": "early_stopping", "Monitor": "val_loss", "Patience": 3 }, { "Type": "step", "StepSize": 3, "Gamma": 0.5 } ],
            "Training": { "Epochs": 8, "BatchSize": 16 },
            "Charts": { "Enabled": false }
          }
        }
        """;

    private static RunResult Run(string root, params (string Key, string? Value)[] overrides) => ExperimentRun.Run(Experiment, root, overrides);

    private static byte[] Weights(RunResult run) => ExperimentRun.Weights(run);

    private static string[] Splits(RunResult run) => run.Report["folds"]!.AsArray().Select(f => f!["split"]!.GetValue<string>()).ToArray();

    [Test]
    public void KeepBest_SavesTheFoldWithTheLowestValidationLoss()
    {
        using var root = new TempDirectory();
        RunResult run = Run(root.Path);

        JsonArray folds = run.Report["folds"]!.AsArray();
        JsonNode lowest = folds.OrderBy(f => f!["validation"]!["loss"]!.GetValue<double>()).First()!;
        Assert.That(run.Report["saved_split"]!.GetValue<string>(), Is.EqualTo(lowest["split"]!.GetValue<string>()));
        Assert.That(run.Report["retrain"], Is.Null);
    }

    [Test]
    public void TrainingSplit_TrainsOnlyThatFold_WithTheSameIndicesAsTheFullRun()
    {
        using var all = new TempDirectory();
        using var one = new TempDirectory();
        RunResult full = Run(all.Path);
        RunResult second = Run(one.Path, ("Experiment:Training:Split", "2"));

        Assert.That(Splits(second), Is.EqualTo(new[] { "fold 2/3" }));
        JsonNode fold = full.Report["folds"]!.AsArray().Single(f => f!["split"]!.GetValue<string>() == "fold 2/3")!;
        JsonNode only = second.Report["folds"]!.AsArray()[0]!;
        Assert.That(only["validation_samples"]!.GetValue<int>(), Is.EqualTo(fold["validation_samples"]!.GetValue<int>()));
        Assert.That(only["train_samples"]!.GetValue<int>(), Is.EqualTo(fold["train_samples"]!.GetValue<int>()));
        Assert.That(only["test_samples"]!.GetValue<int>(), Is.EqualTo(fold["test_samples"]!.GetValue<int>()));
    }

    [TestCase("4", null, "deals 3 splits")]
    [TestCase("1", "retrain", "needs every split")]
    public void TrainingSplit_OutOfRangeOrWithRetrain_IsAConfigurationError(string split, string? keep, string expected)
    {
        using var root = new TempDirectory();
        var error = Assert.Throws<ConfigurationException>(() => Run(root.Path, ("Experiment:Training:Split", split), ("Experiment:Validation:Keep", keep)))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Training:Split"));
        Assert.That(error.Message, Does.Contain(expected));
    }

    [Test]
    public void KeepLast_SavesTheLastFold()
    {
        using var root = new TempDirectory();
        RunResult run = Run(root.Path, ("Experiment:Validation:Keep", "last"));

        Assert.That(run.Report["saved_split"]!.GetValue<string>(), Is.EqualTo("fold 3/3"));
        Assert.That(run.Report["saved_because"]!.GetValue<string>(), Does.Contain("last"));
        Assert.That(run.Report["test"]!.ToJsonString(), Is.EqualTo(run.Report["folds"]![2]!["test"]!.ToJsonString()), "the report's test metrics are the saved model's");
    }

    [Test]
    public void KeepRetrain_TrainsOnEveryNonTestSampleForTheMeanBestEpoch_WithoutValidationCallbacks()
    {
        using var root = new TempDirectory();
        RunResult run = Run(root.Path, ("Experiment:Validation:Keep", "retrain"));

        JsonObject retrain = run.Report["retrain"]!.AsObject();
        int[] bestEpochs = retrain["best_epochs"]!.AsArray().Select(e => e!.GetValue<int>()).ToArray();
        Assert.That(bestEpochs, Has.Length.EqualTo(3));
        for (int i = 0; i < 3; i++) // each fold's best epoch, from the history its final checkpoint holds
        {
            var header = CheckpointStore.Read(Path.Combine(run.RunDirectory, "checkpoints", $"fold_{i + 1}_3", "final.ckpt")).Header;
            List<EpochSummary> foldHistory = HistoryJson.Read(header["final"]!["history"]!.AsArray());
            Assert.That(bestEpochs[i], Is.EqualTo(foldHistory.MinBy(h => h.ValidationLoss)!.Epoch), $"fold {i + 1}");
        }
        int epochs = (int)Math.Round(bestEpochs.Average(), MidpointRounding.AwayFromZero);
        Assert.That(retrain["epochs"]!.GetValue<int>(), Is.EqualTo(epochs), "early stopping (on val_loss) is left out of the retrain, so it trains every epoch");
        Assert.That(retrain["train_samples"]!.GetValue<int>(), Is.EqualTo(180), "240 samples less the 60 of the shared test part");
        Assert.That(run.Report["saved_split"]!.GetValue<string>(), Is.EqualTo("retrain"));
        Assert.That(run.Report["saved_because"]!.GetValue<string>(), Does.Contain($"for {epochs} epochs"));
        Assert.That(run.Report["test"]!.ToJsonString(), Is.EqualTo(retrain["test"]!.ToJsonString()));
        Assert.That(run.Report["test"]!["accuracy"], Is.Not.Null);
        Assert.That(run.Report["validation"]!.AsObject(), Is.Empty, "the retrain validates on nothing");
        JsonArray history = run.Report["history"]!.AsArray();
        Assert.That(history, Has.Count.EqualTo(epochs), "the saved model's history is the retrain's");
        Assert.That(history.Select(h => h!["learning_rate"]!.GetValue<double>()), Is.EqualTo(
            Enumerable.Range(0, epochs).Select(e => 0.02 * Math.Pow(0.5, e / 3)).ToArray()).Within(1e-9), "the step schedule still applies");
        Assert.That(run.Report["cross_validation"]!["validation"]!["accuracy"]!["folds"]!.GetValue<int>(), Is.EqualTo(3), "mean ± std stays over the folds");
        Assert.That(run.Report["train"]!["epochs_trained"]!.GetValue<int>(),
            Is.EqualTo(run.Report["cross_validation"]!["epochs_trained"]!.GetValue<int>() + epochs));
        Assert.That(new ModelStore(TestPaths.BuiltInRegistry()).Load(run.ModelDirectory, 8).Metadata.Experiment, Is.EqualTo("folds"));
    }

    [Test]
    public void RepeatedKFold_Retrain_ReportsEveryFold_AndIsTheSameForAnyThreadCount()
    {
        using var one = new TempDirectory();
        using var two = new TempDirectory();
        (string, string?)[] repeated = [("Experiment:Validation:Type", "repeated_kfold"), ("Experiment:Validation:Folds", "2"),
            ("Experiment:Validation:Repeats", "2"), ("Experiment:Validation:Keep", "retrain")];
        RunResult single = Run(one.Path, [.. repeated, ("Experiment:Training:Threads", "1")]);
        RunResult dual = Run(two.Path, [.. repeated, ("Experiment:Training:Threads", "2")]);

        Assert.That(Splits(single), Is.EqualTo(new[] { "repeat 1/2 fold 1/2", "repeat 1/2 fold 2/2", "repeat 2/2 fold 1/2", "repeat 2/2 fold 2/2" }));
        JsonObject accuracy = single.Report["cross_validation"]!["validation"]!["accuracy"]!.AsObject();
        double[] perFold = single.Report["folds"]!.AsArray().Select(f => f!["validation"]!["accuracy"]!.GetValue<double>()).ToArray();
        Assert.That(accuracy["folds"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(accuracy["mean"]!.GetValue<double>(), Is.EqualTo(perFold.Average()).Within(1e-12));
        double mean = perFold.Average();
        Assert.That(accuracy["std"]!.GetValue<double>(), Is.EqualTo(Math.Sqrt(perFold.Sum(a => (a - mean) * (a - mean)) / 4)).Within(1e-12));
        Assert.That(single.Report["retrain"]!["train_samples"]!.GetValue<int>(), Is.EqualTo(180));
        Assert.That(Weights(single), Is.EqualTo(Weights(dual)), "the saved retrain does not depend on the thread count");
    }

    [Test]
    public void FoldSelection_BestEpoch_IsTheLowestValidationLoss_AndRetrainNeedsOneSharedTestPart()
    {
        static EpochSummary Epoch(int epoch, double validationLoss)
            => new(epoch, 1.0, new Dictionary<string, double>(), validationLoss, new Dictionary<string, double>(), 0, 0.01);
        FoldOutcome Fold(params double[] losses)
            => new(new DataSplit("f", [0], [1], []), null!, null!, losses.Select((l, i) => Epoch(i + 1, l)).ToList(),
                0, 0, new EvaluationResult(1, 0, new Dictionary<string, double>()), new EvaluationResult(0, double.NaN, new Dictionary<string, double>()), 0, null, null);

        Assert.That(FoldSelection.BestEpoch(Fold(0.9, 0.5, 0.5, 0.7)), Is.EqualTo(2), "the first of equal losses");
        Assert.That(FoldSelection.BestEpoch(Fold(double.NaN, double.NaN)), Is.EqualTo(2), "no validation: the last epoch");
        Assert.That(FoldSelection.RetrainEpochs([Fold(0.9, 0.5, 0.7), Fold(0.4, 0.5, 0.6)]), Is.EqualTo(2), "(2 + 1) / 2 = 1.5 rounds to 2");

        DataSplit[] shared = [new("a", [0, 1], [2], [5]), new("b", [2, 1], [0], [5])];
        Assert.That(FoldSelection.RetrainProblem(shared), Is.Null);
        Assert.That(FoldSelection.RetrainSplit(shared).Train, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(FoldSelection.RetrainSplit(shared).Test, Is.EqualTo(new[] { 5 }));
        Assert.That(FoldSelection.RetrainProblem([new("a", [0], [1], [2]), new("b", [0], [2], [1])]), Does.Contain("share one test part"));
    }
}
