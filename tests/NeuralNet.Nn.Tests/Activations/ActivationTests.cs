using System.Text.Json.Nodes;
using NeuralNet.Activations;
using NeuralNet.Errors;
using NeuralNet.Nn.Activations;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Activations;

/// <summary>
/// Every activation the plugin registers (found by reflection, so a new one cannot be missed): resolution by
/// name, a finite-difference gradient check, and PyTorch's values from References/activations.json.
/// </summary>
public class ActivationTests
{
    private static IEnumerable<Type> Types() => Plugin.ComponentTypes<IActivation>();

    private static IEnumerable<TestCaseData> ReferenceCases()
    {
        foreach (JsonNode? entry in References.Load("activations.json")["cases"]!.AsArray())
        {
            string name = entry!["name"]!.GetValue<string>();
            string options = entry["options"]!.ToJsonString();
            string suffix = string.Concat(entry["options"]!.AsObject().Select(o => $"_{o.Key}_{o.Value}"));
            yield return new TestCaseData(name, options).SetName($"ForwardBackward_{name}{suffix}_MatchesPyTorch");
        }
    }

    [TestCaseSource(nameof(Types))]
    public void Resolve_NameAndAliases_FindTheType(Type type) => Conformance.AssertResolvesByName<IActivation>(type);

    [TestCaseSource(nameof(Types))]
    public void Backward_DefaultOptions_MatchesFiniteDifferences(Type type)
    {
        IActivation activation = Plugin.Create<IActivation>(Plugin.NameOf(type));
        GradientCheck.AssertActivation(activation, Plugin.AwayFromZero(3, new TensorShape(7), seed: 11));
    }

    [TestCase("leaky_relu", "0.2")]
    [TestCase("elu", "0.5")]
    public void Backward_OtherAlpha_MatchesFiniteDifferences(string name, string alpha)
    {
        IActivation activation = Plugin.Create<IActivation>(name, new Dictionary<string, string?> { ["Alpha"] = alpha });
        GradientCheck.AssertActivation(activation, Plugin.AwayFromZero(3, new TensorShape(7), seed: 12));
    }

    [TestCaseSource(nameof(ReferenceCases))]
    public void ForwardBackward_MatchesPyTorch(string name, string optionsJson)
    {
        JsonNode reference = References.Load("activations.json");
        JsonNode entry = reference["cases"]!.AsArray()
            .First(e => e!["name"]!.GetValue<string>() == name && e["options"]!.ToJsonString() == optionsJson)!;
        IActivation activation = Plugin.Create<IActivation>(name, References.Options(entry["options"]));
        Tensor input = References.Tensor(reference["input"]);
        Tensor outputGradient = References.Tensor(reference["output_gradient"]);
        var output = new Tensor(input.BatchSize, input.SampleShape);
        var inputGradient = new Tensor(input.BatchSize, input.SampleShape);

        activation.Forward(input, output);
        activation.Backward(input, output, outputGradient, inputGradient);

        Expect.Close(output.ReadOnlySpan, References.Floats(entry["output"]), $"{name} output");
        Expect.Close(inputGradient.ReadOnlySpan, References.Floats(entry["input_gradient"]), $"{name} input gradient");
    }

    [Test]
    public void References_CoverEveryRegisteredActivation()
    {
        var referenced = References.Load("activations.json")["cases"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToHashSet();
        Assert.That(Plugin.Registry.KnownNames<IActivation>(), Is.SubsetOf(referenced),
            "Add the new activation to References/make_references.py and regenerate.");
    }

    [TestCase("leaky_relu")]
    [TestCase("elu")]
    public void Options_RoundTrip_KeepAlpha(string name)
        => Conformance.AssertOptionsRoundTrip<IActivation>(Plugin.Registry.Find<IActivation>(name, "Test").ComponentType, name,
            new Dictionary<string, string?> { ["Alpha"] = "0.3" });

    [TestCase("leaky_relu", "-1")]
    [TestCase("elu", "NaN")]
    public void Create_InvalidAlpha_NamesTheKey(string name, string alpha)
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<IActivation>(name, new Dictionary<string, string?> { ["Alpha"] = alpha }))!;
        Assert.That(error.Key, Is.EqualTo("Test:Alpha"));
    }

    [Test]
    public void Create_OptionOnActivationWithoutOptions_NamesTheKey()
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<IActivation>("relu", new Dictionary<string, string?> { ["Alpha"] = "1" }))!;
        Assert.That(error.Key, Is.EqualTo("Test:Alpha"));
    }

    [Test]
    public void Softmax_HugeLogits_StaysFiniteAndSumsToOne()
    {
        var input = new Tensor([1000f, 999f, -1000f, 88f, 89f, 90f], 2, new TensorShape(3));
        var output = new Tensor(2, 3);
        new Softmax().Forward(input, output);
        Assert.That(output.ReadOnlySpan.ToArray(), Has.All.Matches<float>(float.IsFinite));
        Assert.That(output[0, 0] + output[0, 1] + output[0, 2], Is.EqualTo(1f).Within(1e-6f));
        Assert.That(output[1, 0] + output[1, 1] + output[1, 2], Is.EqualTo(1f).Within(1e-6f));
        Assert.That(output[0, 0], Is.EqualTo(1f / (1f + MathF.Exp(-1f))).Within(1e-6f));
    }

    [Test]
    public void Softmax_RankThreeSamples_NormalisesEachWholeSample()
    {
        var input = Plugin.AwayFromZero(2, new TensorShape(2, 3), seed: 4);
        var output = new Tensor(2, new TensorShape(2, 3));
        new Softmax().Forward(input, output);
        Assert.That(output.Sample(0).ToArray().Sum(), Is.EqualTo(1f).Within(1e-6f));
        Assert.That(output.Sample(1).ToArray().Sum(), Is.EqualTo(1f).Within(1e-6f));
    }

    [Test]
    public void Softplus_LargeMagnitudes_DoNotOverflowOrLoseSmallValues()
    {
        var input = new Tensor([100f, -100f, -20f], 1, new TensorShape(3));
        var output = new Tensor(1, 3);
        new Softplus().Forward(input, output);
        Assert.That(output[0, 0], Is.EqualTo(100f));
        Assert.That(output[0, 1], Is.EqualTo(MathF.Exp(-100f)).Within(1e-50f));
        Assert.That(output[0, 2], Is.EqualTo(2.0611537e-9f).Within(1e-15f), "log1p(e^-20) must not round to 0");
    }

    [Test]
    public void Forward_OutputOfOtherShape_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Relu().Forward(new Tensor(2, 3), new Tensor(2, 4)))!;
        Assert.That(error.Message, Does.Contain("[2, 3]").And.Contain("[2, 4]"));
    }
}
