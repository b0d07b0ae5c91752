using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Losses;

namespace NeuralNet.Engine.Tests.Training;

/// <summary>A loss's ClassWeights option resolved against the data's classes.</summary>
public sealed class ClassWeightingTests
{
    private static readonly string[] Classes = ["a", "b", "c"];

    [Test]
    public void Balanced_IsSamplesOverClassesTimesClassCount_OnTheTrainingRowsOnly()
    {
        // Training rows 0-5 hold classes a, a, a, b, c, c: scikit-learn's compute_class_weight('balanced') gives
        // 6 / (3·3), 6 / (3·1), 6 / (3·2) = [0.6667, 2, 1]. Row 6 (class b) is not a training row.
        int[] labels = [0, 0, 0, 1, 2, 2, 1];
        float[] weights = ClassWeighting.Resolve(ClassWeights.BalancedWeights, Classes, labels, [0, 1, 2, 3, 4, 5], "K");
        Assert.That(weights, Is.EqualTo(new[] { 6f / 9f, 2f, 1f }).Within(1e-6f));
    }

    [Test]
    public void Balanced_ClassMissingFromTraining_NamesIt()
    {
        var error = Assert.Throws<ConfigurationException>(() => ClassWeighting.Resolve(ClassWeights.BalancedWeights, Classes, [0, 0, 2], [0, 1, 2], "K"))!;
        Assert.That(error.Key, Is.EqualTo("K"));
        Assert.That(error.Message, Does.Contain("'b'"));
    }

    [Test]
    public void Explicit_NamedClassesTakeTheirWeight_OthersOne()
    {
        float[] weights = ClassWeighting.Resolve(ClassWeights.Explicit(new Dictionary<string, float> { ["c"] = 3f, ["a"] = 0.5f }), Classes, [0, 1, 2], [0, 1, 2], "K");
        Assert.That(weights, Is.EqualTo(new[] { 0.5f, 1f, 3f }));
    }

    [Test]
    public void Explicit_UnknownClasses_AreAllNamed_WithTheKnownOnes()
    {
        var spec = ClassWeights.Explicit(new Dictionary<string, float> { ["a"] = 1f, ["x"] = 2f, ["y"] = 3f });
        var error = Assert.Throws<ConfigurationException>(() => ClassWeighting.CheckNames(spec, Classes, "Experiment:Loss:ClassWeights"))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Loss:ClassWeights:x"));
        Assert.That(error.Message, Does.Contain("'x', 'y'").And.Contain("Classes: a, b, c"));
    }
}
