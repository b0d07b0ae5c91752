using NeuralNet.Errors;
using NeuralNet.Evaluation.Metrics;
using NeuralNet.Evaluation.Validation;
using NeuralNet.Metrics;
using NeuralNet.Testing;
using NeuralNet.Validation;

namespace NeuralNet.Evaluation.Tests;

/// <summary>Every component resolves by name and aliases; options survive config → options → JSON → config.</summary>
public sealed class ConformanceTests
{
    [TestCase(typeof(Accuracy))]
    [TestCase(typeof(Precision))]
    [TestCase(typeof(Recall))]
    [TestCase(typeof(F1Score))]
    [TestCase(typeof(R2Score))]
    [TestCase(typeof(MeanSquaredError))]
    [TestCase(typeof(MeanAbsoluteError))]
    [TestCase(typeof(RootMeanSquaredError))]
    [TestCase(typeof(TopKAccuracy))]
    [TestCase(typeof(LogLoss))]
    [TestCase(typeof(RocAuc))]
    [TestCase(typeof(HammingLoss))]
    [TestCase(typeof(SubsetAccuracy))]
    [TestCase(typeof(LabelPrecision))]
    [TestCase(typeof(LabelRecall))]
    [TestCase(typeof(LabelF1Score))]
    public void Metric_ResolvesByNameAndAliases(Type type) => Conformance.AssertResolvesByName<IMetric>(type);

    [TestCase(typeof(HoldoutValidator))]
    [TestCase(typeof(KFoldValidator))]
    [TestCase(typeof(RepeatedKFoldValidator))]
    public void Validator_ResolvesByNameAndAliases(Type type) => Conformance.AssertResolvesByName<ICrossValidator>(type);

    [Test]
    public void Names_AsDocumented()
    {
        var registry = Conformance.RegistryFor(typeof(Accuracy));

        Assert.That(registry.KnownNames<IMetric>(), Is.EquivalentTo(new[]
            { "accuracy", "precision", "recall", "f1", "r2", "mean_squared_error", "mean_absolute_error", "root_mean_squared_error",
              "top_k_accuracy", "log_loss", "roc_auc", "hamming_loss", "subset_accuracy", "label_precision", "label_recall", "label_f1" }));
        Assert.That(registry.KnownNames<ICrossValidator>(), Is.EquivalentTo(new[] { "holdout", "kfold", "repeated_kfold" }));
        foreach (string alias in new[] { "acc", "f1_score", "r2_score", "r_squared", "mse", "mae", "rmse", "top_k", "auc", "exact_match" })
            Assert.That(registry.Contains<IMetric>(alias), alias);
        foreach (string alias in new[] { "hold_out", "train_test_split", "k_fold", "cross_validation", "repeated_k_fold" })
            Assert.That(registry.Contains<ICrossValidator>(alias), alias);
    }

    [Test]
    public void Accuracy_OptionsRoundTrip()
        => Conformance.AssertOptionsRoundTrip<IMetric>(typeof(Accuracy), "acc", new Dictionary<string, string?> { ["Threshold"] = "0.3" });

    [TestCase(typeof(Precision), "precision", "weighted")]
    [TestCase(typeof(Recall), "recall", "micro")]
    [TestCase(typeof(F1Score), "f1_score", "binary")]
    public void ClassScore_OptionsRoundTrip(Type type, string name, string average)
        => Conformance.AssertOptionsRoundTrip<IMetric>(type, name,
            new Dictionary<string, string?> { ["Average"] = average, ["Threshold"] = "0.7" });

    [TestCase(typeof(TopKAccuracy), "top_k", "K", "3")]
    [TestCase(typeof(RocAuc), "auc", "Average", "weighted")]
    [TestCase(typeof(R2Score), "r2", "Target", "2")]
    [TestCase(typeof(LabelF1Score), "label_f1", "Average", "micro")]
    public void Metric_OptionsRoundTrip(Type type, string name, string key, string value)
        => Conformance.AssertOptionsRoundTrip<IMetric>(type, name, new Dictionary<string, string?> { [key] = value });

    [Test]
    public void Holdout_OptionsRoundTrip()
        => Conformance.AssertOptionsRoundTrip<ICrossValidator>(typeof(HoldoutValidator), "train_test_split",
            new Dictionary<string, string?> { ["ValidationFraction"] = "0.2", ["TestFraction"] = "0.1", ["Shuffle"] = "false", ["Stratify"] = "false" });

    [Test]
    public void KFold_OptionsRoundTrip()
        => Conformance.AssertOptionsRoundTrip<ICrossValidator>(typeof(KFoldValidator), "k_fold",
            new Dictionary<string, string?> { ["Folds"] = "10", ["TestFraction"] = "0.25", ["Shuffle"] = "false", ["Stratify"] = "false" });

    [TestCase("Average", "median")]
    [TestCase("Threshold", "1.5")]
    public void ClassScore_InvalidOption_ConfigurationExceptionNamesTheKey(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            Conformance.Create<IMetric>(typeof(Precision), "f1", new Dictionary<string, string?> { [key] = value }))!;

        Assert.That(error.Key, Does.EndWith(":" + key));
    }

    [Test]
    public void Metric_WithoutOptions_RejectsStrayOption()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            Conformance.Create<IMetric>(typeof(MeanSquaredError), "mse", new Dictionary<string, string?> { ["Average"] = "macro" }))!;

        Assert.That(error.Key, Does.EndWith(":Average"));
    }
}
