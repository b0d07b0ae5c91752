using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Configuration;
using NeuralNet.Errors;

namespace NeuralNet.Engine.Tests.Components;

/// <summary>
/// A component reference read from config layers: a bare name in the experiment file with options added on the
/// command line keeps the name and takes the options; a bare name and a different Type is an error naming both.
/// </summary>
public class ComponentSpecTests
{
    private static IConfigurationSection Loss(params (string Key, string Value)[] layers)
    {
        var builder = new ConfigurationBuilder();
        foreach ((string key, string value) in layers)
            builder.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        return builder.Build().GetSection("Experiment:Loss");
    }

    [Test]
    public void Read_BareNameWithOptionsFromAnotherLayer_KeepsTheNameAndTakesTheOptions()
    {
        ComponentSpec spec = ComponentSpec.Read(Loss(("Experiment:Loss", "categorical_crossentropy"),
            ("Experiment:Loss:LabelSmoothing", "0.1")), "loss");

        Assert.That(spec.Name, Is.EqualTo("categorical_crossentropy"));
        Assert.That(spec.Options?["LabelSmoothing"], Is.EqualTo("0.1"));
    }

    [Test]
    public void Read_BareNameOnly_HasNoOptions()
    {
        ComponentSpec spec = ComponentSpec.Read(Loss(("Experiment:Loss", "mse")), "loss");
        Assert.That((spec.Name, spec.Options), Is.EqualTo(("mse", (IConfiguration?)null)));
    }

    [Test]
    public void Read_BareNameAndADifferentType_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ConfigurationException>(() => ComponentSpec.Read(Loss(("Experiment:Loss:Type", "categorical_crossentropy"),
            ("Experiment:Loss", "mse")), "loss"))!;

        Assert.That(error.Key, Is.EqualTo("Experiment:Loss"));
        Assert.That(error.Message, Does.Contain("'mse'").And.Contain("'categorical_crossentropy'"));
    }

    [Test]
    public void Read_BareNameAndTheSameType_IsThatComponent()
    {
        ComponentSpec spec = ComponentSpec.Read(Loss(("Experiment:Loss", "mse"), ("Experiment:Loss:Type", "MSE"),
            ("Experiment:Loss:Reduction", "sum")), "loss");
        Assert.That(spec.Name, Is.EqualTo("mse"));
    }
}
