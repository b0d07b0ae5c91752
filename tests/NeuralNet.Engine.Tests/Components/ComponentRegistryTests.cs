using Microsoft.Extensions.Configuration;
using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Engine.Components;
using NeuralNet.Errors;
using NeuralNet.Losses;
using NeuralNet.Testing;

namespace NeuralNet.Engine.Tests.Components;

public sealed class ComponentRegistryTests
{
    private static ComponentRegistry Registry() => ComponentRegistry.ForAssemblies(typeof(Scaled).Assembly);

    private static IConfiguration Config(params (string Key, string? Value)[] pairs)
        => new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Test]
    public void Create_UnknownName_ListsKnownNamesAndNamesTheKey()
    {
        var error = Assert.Throws<ConfigurationException>(() => Registry().Create<IActivation>("rleu", null, "Experiment:Model:Layers:0:Activation"))!;

        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:0:Activation"));
        Assert.That(error.Message, Does.StartWith("Experiment:Model:Layers:0:Activation: Unknown activation 'rleu'. Known: plain, scaled."));
        Assert.That(error.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Create_NearMiss_SuggestsTheClosestName()
    {
        var error = Assert.Throws<ConfigurationException>(() => Registry().Create<IActivation>("scalde", null, "K"))!;
        Assert.That(error.Message, Does.EndWith("Did you mean 'scaled'?"));
    }

    [Test]
    public void Create_AliasAnyCase_ReturnsCanonicalName()
    {
        ComponentInstance<IActivation> created = Registry().Create<IActivation>("TIMES", null, "K");
        Assert.That(created.Name, Is.EqualTo("scaled"));
        Assert.That(created.Component, Is.InstanceOf<Scaled>());
    }

    [Test]
    public void Create_WithOptions_BindsAndPassesThemToTheConstructor()
    {
        var created = Registry().Create<IActivation>("scaled", Config(("Factor", "3.5"), ("Tags:0", "a"), ("Tags:1", "b")), "K");
        var options = ((Scaled)created.Component).Options;
        Assert.That(options.Factor, Is.EqualTo(3.5f));
        Assert.That(options.Tags, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(created.Options, Is.SameAs(options));
    }

    [Test]
    public void Create_WithoutOptions_UsesDocumentedDefaults()
    {
        var options = ((Scaled)Registry().Create<IActivation>("scaled", null, "K").Component).Options;
        Assert.That(options.Factor, Is.EqualTo(2f));
    }

    [Test]
    public void Create_UnknownOption_NamesTheKeyAndListsValidOptions()
    {
        var error = Assert.Throws<ConfigurationException>(() => Registry().Create<IActivation>("scaled", Config(("Factr", "3")), "Experiment:X"))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:X:Factr"));
        Assert.That(error.Message, Does.Contain("Valid options: Factor, Repeat, Tags"));
    }

    [Test]
    public void Create_ValueOfWrongType_NamesKeyExpectedTypeAndValue()
    {
        var error = Assert.Throws<ConfigurationException>(() => Registry().Create<IActivation>("scaled", Config(("Repeat", "many")), "Experiment:X"))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:X:Repeat"));
        Assert.That(error.Message, Does.Contain("expected a whole number, got 'many'"));
    }

    [Test]
    public void Create_SeveralInvalidOptions_ReportsThemAllAtOnce()
    {
        var error = Assert.Throws<ConfigurationException>(() => Registry().Create<IActivation>("scaled", Config(("Factor", "99"), ("Repeat", "0")), "E"))!;
        Assert.That(error.Message, Does.Contain("E:Factor").And.Contain("E:Repeat"));
    }

    [Test]
    public void Create_OptionsForComponentWithoutOptions_IsAnError()
    {
        var error = Assert.Throws<ConfigurationException>(() => Registry().Create<IActivation>("plain", Config(("Alpha", "1")), "E"))!;
        Assert.That(error.Key, Is.EqualTo("E:Alpha"));
        Assert.That(error.Message, Does.Contain("takes no options"));
    }

    [Test]
    public void Create_ConstructorTakingTheFactory_GetsTheRegistry()
    {
        ComponentRegistry registry = Registry();
        var loss = (NestedLoss)registry.Create<ILoss>("nested_loss", null, "E").Component;
        Assert.That(loss.Factory, Is.SameAs(registry));
    }

    [Test]
    public void Add_SameNameTwiceInOneFamily_ThrowsNamingTheExistingOne()
    {
        ComponentRegistry registry = Registry();
        var error = Assert.Throws<PluginLoadException>(() => registry.Add(typeof(Scaled), "second.dll"))!;
        Assert.That(error.Message, Does.Contain("'scaled'").And.Contain("already registered"));
    }

    [Test]
    public void KnownNames_ListsCanonicalNamesSortedWithoutAliases()
        => Assert.That(Registry().KnownNames<IActivation>(), Is.EqualTo(new[] { "plain", "scaled" }));

    [Test]
    public void Conformance_ScaledOptions_RoundTrip()
    {
        Conformance.AssertResolvesByName<IActivation>(typeof(Scaled));
        Conformance.AssertOptionsRoundTrip<IActivation>(typeof(Scaled), "scaled",
            new Dictionary<string, string?> { ["Factor"] = "1.25", ["Repeat"] = "3", ["Tags:0"] = "x" });
    }

    [Test]
    public void Descriptor_Options_ListNamesTypesAndDefaultsInDeclarationOrder()
    {
        ComponentDescriptor scaled = Registry().Find<IActivation>("scaled", "K");

        Assert.That(scaled.Options.Select(o => o.ToString()), Is.EqualTo(new[]
        {
            "Factor (float, 2)", "Repeat (int, 1)", "Tags (list of string, [])",
        }));
        Assert.That(scaled.Options[0].Default, Is.EqualTo(2f));
        Assert.That(Registry().Find<IActivation>("plain", "K").Options, Is.Empty);
    }
}
