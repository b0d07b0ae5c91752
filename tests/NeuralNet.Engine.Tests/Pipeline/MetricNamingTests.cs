using NeuralNet.Components;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Engine.Training;
using NeuralNet.Metrics;
using NeuralNet.Testing;

namespace NeuralNet.Engine.Tests.Pipeline;

/// <summary>Metrics are reported under readable names: f1_macro and f1_weighted, never f1_2.</summary>
public sealed class MetricNamingTests
{
    private static readonly Lazy<ComponentRegistry> Registry = new(TestPaths.BuiltInRegistry);

    private static ComponentInstance<IMetric> Metric(string name, params (string Key, string Value)[] options)
        => Registry.Value.Create<IMetric>(name, Conformance.ToConfiguration(options.ToDictionary(o => o.Key, o => (string?)o.Value)), "Experiment:Metrics");

    [Test]
    public void TwoAveragesOfOneMetric_NamedByTheirAverage()
    {
        string[] names = MetricNaming.Names([Metric("accuracy"), Metric("f1"), Metric("f1_score", ("Average", "weighted"))]);

        Assert.That(names, Is.EqualTo(new[] { "accuracy", "f1_macro", "f1_weighted" }));
    }

    [Test]
    public void NonDefaultOptions_InTheName_DefaultsNot()
    {
        string[] names = MetricNaming.Names([Metric("f1", ("Average", "weighted")), Metric("recall"), Metric("top_k", ("K", "3")), Metric("r2", ("Target", "1"))]);

        Assert.That(names, Is.EqualTo(new[] { "f1_weighted", "recall", "top_k_accuracy_k3", "r2_target1" }));
    }

    [Test]
    public void PerTargetR2_AndTheAverage()
    {
        string[] names = MetricNaming.Names([Metric("r2"), Metric("r2", ("Target", "0")), Metric("r2", ("Target", "1"))]);

        Assert.That(names, Is.EqualTo(new[] { "r2", "r2_target0", "r2_target1" }));
    }

    [Test]
    public void IdenticalConfigurations_OnlyThenNumbered()
    {
        string[] names = MetricNaming.Names([Metric("accuracy"), Metric("acc")]);

        Assert.That(names, Is.EqualTo(new[] { "accuracy", "accuracy_2" }));
    }
}
