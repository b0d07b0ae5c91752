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
    public void Metric_ResolvesByNameAndAliases(Type type) => Conformance.AssertResolvesByName<IMetric>(type);

    [TestCase(typeof(HoldoutValidator))]
    [TestCase(typeof(KFoldValidator))]
    public void Validator_ResolvesByNameAndAliases(Type type) => Conformance.AssertResolvesByName<ICrossValidator>(type);

    [Test]
    public void Names_AsDocumented()
    {
        var registry = Conformance.RegistryFor(typeof(Accuracy));

        Assert.That(registry.KnownNames<IMetric>(), Is.EquivalentTo(new[]
            { "accuracy", "precision", "recall", "f1", "r2", "mean_squared_error", "mean_absolute_error" }));
        Assert.That(registry.KnownNames<ICrossValidator>(), Is.EquivalentTo(new[] { "holdout", "kfold" }));
        foreach (string alias in new[] { "acc", "f1_score", "r2_score", "r_squared", "mse", "mae" })
            Assert.That(registry.Contains<IMetric>(alias), alias);
        foreach (string alias in new[] { "hold_out", "train_test_split", "k_fold", "cross_validation" })
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
            Conformance.Create<IMetric>(typeof(R2Score), "mse", new Dictionary<string, string?> { ["Average"] = "macro" }))!;

        Assert.That(error.Key, Does.EndWith(":Average"));
    }
}
