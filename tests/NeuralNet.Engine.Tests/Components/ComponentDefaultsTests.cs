using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Errors;
using NeuralNet.Metrics;
using NeuralNet.Optimizers;
using NeuralNet.Validation;

namespace NeuralNet.Engine.Tests.Components;

/// <summary>
/// A family's default (what an experiment that names none of it gets) is declared by the plugin that ships it
/// (<see cref="ComponentAttribute.DefaultFor"/>), so the host and engine name no component; two claims on one
/// situation are a plugin error.
/// </summary>
public sealed class ComponentDefaultsTests
{
    [Test]
    public void BuiltInPlugins_DeclareTheDefaultValidatorOptimizerAndMetrics()
    {
        ComponentRegistry registry = TestPaths.BuiltInRegistry();
        Assert.That(registry.DefaultName<ICrossValidator>(), Is.EqualTo("holdout"));
        Assert.That(registry.DefaultName<IOptimizer>(), Is.EqualTo("adam"));
        Assert.That(registry.DefaultName<IMetric>(ComponentDefaults.Classification), Is.EqualTo("accuracy"));
        Assert.That(registry.DefaultName<IMetric>(ComponentDefaults.Regression), Is.EqualTo("r2"));
    }

    [Test]
    public void DefaultName_OnlyTheSituationClaimed_NoneForTheOthers()
    {
        ComponentRegistry registry = ComponentRegistry.ForAssemblies(typeof(Plain).Assembly);
        Assert.That(registry.DefaultName<IActivation>(ComponentDefaults.Classification), Is.EqualTo("plain"));
        Assert.That(registry.DefaultName<IActivation>(ComponentDefaults.Regression), Is.Null);
        Assert.That(registry.DefaultName<IActivation>(), Is.Null);
    }

    [Test]
    public void SecondClaimOnTheSameSituation_IsAPluginError_NamingBoth()
    {
        var registry = new ComponentRegistry();
        registry.Add(typeof(Plain), "first.dll");

        var error = Assert.Throws<PluginLoadException>(() => registry.Add(typeof(Plain), "second.dll"))!;
        Assert.That(error.Message, Does.Contain("second.dll").And.Contain("default activation for 'classification'").And.Contain("first.dll"));
    }
}
