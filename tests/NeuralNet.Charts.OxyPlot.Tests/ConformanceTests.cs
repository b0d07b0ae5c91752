using NeuralNet.Charts.OxyPlot.Charts;
using NeuralNet.Errors;
using NeuralNet.Testing;

namespace NeuralNet.Charts.OxyPlot.Tests;

/// <summary>Every chart resolves by name and aliases; options survive config → options → JSON → config.</summary>
public sealed class ConformanceTests
{
    [TestCase(typeof(LearningCurvesChart))]
    [TestCase(typeof(ConfusionMatrixChart))]
    [TestCase(typeof(ClassScoresChart))]
    [TestCase(typeof(RocChart))]
    [TestCase(typeof(PrecisionRecallChart))]
    [TestCase(typeof(PredictedVsActualChart))]
    [TestCase(typeof(ResidualsChart))]
    [TestCase(typeof(FittedCurveChart))]
    [TestCase(typeof(DecisionRegionsChart))]
    [TestCase(typeof(MisclassifiedImagesChart))]
    public void Chart_ResolvesByNameAndAliases(Type type) => Conformance.AssertResolvesByName<IChart>(type);

    [Test]
    public void Names_AsDocumented()
    {
        var registry = Conformance.RegistryFor(typeof(RocChart));

        Assert.That(registry.KnownNames<IChart>(), Is.EquivalentTo(new[]
        {
            "loss", "confusion", "class_scores", "roc", "precision_recall", "predicted_vs_actual", "residuals", "fitted_curve",
            "decision_regions", "misclassified",
        }));
        foreach (string alias in new[] { "learning_curves", "confusion_matrix", "pr", "decision_boundary", "parity" })
            Assert.That(registry.Contains<IChart>(alias), alias);
    }

    [Test]
    public void LearningCurves_OptionsRoundTrip()
        => Conformance.AssertOptionsRoundTrip<IChart>(typeof(LearningCurvesChart), "learning_curves",
            new Dictionary<string, string?> { ["Smoothing"] = "0.6", ["LogScaleDecades"] = "3" });

    [Test]
    public void Misclassified_OptionsRoundTrip()
        => Conformance.AssertOptionsRoundTrip<IChart>(typeof(MisclassifiedImagesChart), "misclassified", new Dictionary<string, string?> { ["Images"] = "16" });

    [Test]
    public void LearningCurves_SmoothingOutOfRange_NamesTheKey()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            Conformance.Create<IChart>(typeof(LearningCurvesChart), "loss", new Dictionary<string, string?> { ["Smoothing"] = "1" }))!;

        Assert.That(error.Key, Does.EndWith(":Smoothing"));
    }
}
