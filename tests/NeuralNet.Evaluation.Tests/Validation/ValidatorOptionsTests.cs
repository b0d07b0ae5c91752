using NeuralNet.Errors;
using NeuralNet.Evaluation.Validation;
using NeuralNet.Testing;
using NeuralNet.Validation;

namespace NeuralNet.Evaluation.Tests.Validation;

/// <summary>Invalid validator options are rejected by the registry with the offending key.</summary>
public sealed class ValidatorOptionsTests
{
    [TestCase("holdout", "ValidationFraction", "-0.1")]
    [TestCase("holdout", "ValidationFraction", "1")]
    [TestCase("holdout", "TestFraction", "1")]
    [TestCase("holdout", "TestFraction", "-0.1")]
    [TestCase("kfold", "Folds", "1")]
    [TestCase("kfold", "TestFraction", "1.5")]
    [TestCase("kfold", "Shuffle", "maybe")]
    [TestCase("kfold", "Keep", "worst")]
    [TestCase("repeated_kfold", "Keep", "first")]
    [TestCase("repeated_kfold", "Repeats", "0")]
    [TestCase("repeated_kfold", "Folds", "1")]
    [TestCase("repeated_kfold", "Shuffle", "false")] // the same folds in every repeat
    public void Create_InvalidOption_ConfigurationExceptionNamesTheKey(string name, string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            Conformance.Create<ICrossValidator>(typeof(HoldoutValidator), name, new Dictionary<string, string?> { [key] = value }))!;

        Assert.That(error.Key, Does.EndWith(":" + key));
    }

    [Test]
    public void Create_HoldoutFractionsSumToOne_ConfigurationExceptionNamesAFraction()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            Conformance.Create<ICrossValidator>(typeof(HoldoutValidator), "holdout",
                new Dictionary<string, string?> { ["ValidationFraction"] = "0.5", ["TestFraction"] = "0.5" }))!;

        Assert.That(error.Key, Does.EndWith(":ValidationFraction"));
        Assert.That(error.Message, Does.Contain("TestFraction"));
    }

    [Test]
    public void Create_ValidOptions_ValidatorUsesThem()
    {
        var instance = Conformance.Create<ICrossValidator>(typeof(KFoldValidator), "cross_validation",
            new Dictionary<string, string?> { ["Folds"] = "3", ["Shuffle"] = "false" });

        IReadOnlyList<DataSplit> splits = instance.Component.Split(new SplitRequest(9, null, false, new Random(1)));

        Assert.That(instance.Name, Is.EqualTo("kfold"));
        Assert.That(splits, Has.Count.EqualTo(3));
        Assert.That(splits[0].Validation, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void Create_RepeatedKFold_OptionsRoundTrip()
        => Conformance.AssertOptionsRoundTrip<ICrossValidator>(typeof(RepeatedKFoldValidator), "repeated_kfold",
            new Dictionary<string, string?> { ["Folds"] = "3", ["Repeats"] = "4", ["Keep"] = "retrain", ["TestFraction"] = "0.2" });
}
