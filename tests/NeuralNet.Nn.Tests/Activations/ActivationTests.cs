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

    /// <summary>Activations without parameters (derived from the <see cref="Activation"/> base); prelu's parameter is checked in <see cref="PReluTests"/>.</summary>
    private static IEnumerable<Type> ParameterFreeTypes() => Types().Where(t => typeof(Activation).IsAssignableFrom(t));

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

    [Test]
    public void ParameterFreeTypes_AreAllButPRelu()
        => Assert.That(Types().Except(ParameterFreeTypes()), Is.EqualTo(new[] { typeof(PRelu) }),
            "an activation with parameters needs a layer gradient check (see PReluTests) and an entry in GradientCheckedLayers");

    // Magnitudes in [0.1, 2.9): at least 2ε from the kinks of relu (0) and hard_sigmoid (±3).
    [TestCaseSource(nameof(ParameterFreeTypes))]
    public void Backward_DefaultOptions_MatchesFiniteDifferences(Type type)
    {
        IActivation activation = Plugin.Create<IActivation>(Plugin.NameOf(type));
        GradientCheck.AssertActivation(activation, Plugin.AwayFromZero(3, new TensorShape(7), seed: 11, high: 2.9f));
    }

    [TestCase("leaky_relu", "Alpha", "0.2")]
    [TestCase("elu", "Alpha", "0.5")]
    [TestCase("swish", "Beta", "1.5")]
    [TestCase("swish", "Beta", "-0.7")]
    public void Backward_OtherOption_MatchesFiniteDifferences(string name, string key, string value)
    {
        IActivation activation = Plugin.Create<IActivation>(name, new Dictionary<string, string?> { [key] = value });
        GradientCheck.AssertActivation(activation, Plugin.AwayFromZero(3, new TensorShape(7), seed: 12));
    }

    /// <summary>Large magnitudes, where exponentials overflow or cancel: the gradient check at |x| in [8, 30).</summary>
    [TestCase("selu")]
    [TestCase("gelu")]
    [TestCase("mish")]
    [TestCase("softsign")]
    [TestCase("swish")]
    [TestCase("log_softmax")]
    public void Backward_LargeInputs_MatchesFiniteDifferences(string name)
    {
        IActivation activation = Plugin.Create<IActivation>(name);
        Tensor input = Plugin.AwayFromZero(3, new TensorShape(7), seed: 13, low: 8f, high: 30f);
        GradientCheck.AssertActivation(activation, input);
        var output = new Tensor(3, 7);
        activation.Forward(input, output);
        Assert.That(output.ReadOnlySpan.ToArray(), Has.All.Matches<float>(float.IsFinite));
    }

    [TestCaseSource(nameof(Types))]
    public void WeightInitializer_IsNullOrARegisteredInitializer(Type type)
    {
        string? name = Plugin.Create<IActivation>(Plugin.NameOf(type)).WeightInitializer;
        if (name is not null)
            Assert.That(Plugin.Registry.KnownNames<NeuralNet.Initializers.IInitializer>(), Does.Contain(name));
    }

    [TestCase("relu", "he_uniform")]
    [TestCase("leaky_relu", "he_uniform")]
    [TestCase("prelu", "he_uniform")]
    [TestCase("sigmoid", "glorot_uniform")]
    [TestCase("tanh", "glorot_uniform")]
    [TestCase("softmax", "glorot_uniform")]
    [TestCase("selu", "lecun_normal")]
    [TestCase("linear", null)]
    public void WeightInitializer_FollowsTheActivationFamily(string name, string? expected)
        => Assert.That(Plugin.Create<IActivation>(name).WeightInitializer, Is.EqualTo(expected));

    [TestCaseSource(nameof(ReferenceCases))]
    public void ForwardBackward_MatchesPyTorch(string name, string optionsJson)
    {
        JsonNode reference = References.Load("activations.json");
        JsonNode entry = reference["cases"]!.AsArray()
            .First(e => e!["name"]!.GetValue<string>() == name && e["options"]!.ToJsonString() == optionsJson)!;
        IActivation activation = Plugin.Create<IActivation>(name, References.Options(entry["options"]));
        Tensor input = References.Tensor(reference["input"]);
        Tensor outputGradient = References.Tensor(reference["output_gradient"]);
        if (activation.HasParameters) activation.Build(input.SampleShape, Plugin.Context(input.BatchSize)); // prelu's slope
        var output = new Tensor(input.BatchSize, input.SampleShape);
        var inputGradient = new Tensor(input.BatchSize, input.SampleShape);

        activation.Forward(input, output);
        activation.Backward(input, output, outputGradient, inputGradient);

        Expect.Close(output.ReadOnlySpan, References.Floats(entry["output"]), $"{name} output");
        Expect.Close(inputGradient.ReadOnlySpan, References.Floats(entry["input_gradient"]), $"{name} input gradient");
        Assert.That(activation.Parameters.Count, Is.EqualTo(entry["weight_gradient"] is null ? 0 : 1), "reference gradients for every parameter");
        if (entry["weight_gradient"] is JsonNode weightGradient)
            Expect.Close(activation.Parameters[0].Gradient.ReadOnlySpan, References.Floats(weightGradient), $"{name} weight gradient");
    }

    [Test]
    public void References_CoverEveryRegisteredActivation()
    {
        var referenced = References.Load("activations.json")["cases"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToHashSet();
        Assert.That(Plugin.Registry.KnownNames<IActivation>(), Is.SubsetOf(referenced),
            "Add the new activation to References/make_references.py and regenerate.");
    }

    [TestCase("leaky_relu", "Alpha", "0.3")]
    [TestCase("elu", "Alpha", "0.3")]
    [TestCase("swish", "Beta", "2")]
    [TestCase("prelu", "NumParameters", "4")]
    [TestCase("prelu", "Init", "0.5")]
    public void Options_RoundTrip_KeepTheOption(string name, string key, string value)
        => Conformance.AssertOptionsRoundTrip<IActivation>(Plugin.Registry.Find<IActivation>(name, "Test").ComponentType, name,
            new Dictionary<string, string?> { [key] = value });

    [TestCase("leaky_relu", "Alpha", "-1")]
    [TestCase("elu", "Alpha", "NaN")]
    [TestCase("swish", "Beta", "NaN")]
    [TestCase("prelu", "NumParameters", "0")]
    [TestCase("prelu", "Init", "Infinity")]
    public void Create_InvalidOption_NamesTheKey(string name, string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<IActivation>(name, new Dictionary<string, string?> { [key] = value }))!;
        Assert.That(error.Key, Is.EqualTo($"Test:{key}"));
    }

    [Test]
    public void Silu_IsSwishWithBetaOne()
    {
        Tensor input = Plugin.AwayFromZero(2, new TensorShape(5), seed: 3);
        Tensor silu = new(2, 5), swish = new(2, 5);
        new Silu().Forward(input, silu);
        Plugin.Create<IActivation>("swish").Forward(input, swish);
        Expect.Close(swish.ReadOnlySpan, silu.ReadOnlySpan.ToArray(), "swish(Beta = 1) against silu");
    }

    [Test]
    public void LogSoftmax_HugeLogits_StaysFiniteAndExponentiatesToSoftmax()
    {
        var input = new Tensor([1000f, 999f, -1000f, 88f, 89f, 90f], 2, new TensorShape(3));
        Tensor logSoftmax = new(2, 3), softmax = new(2, 3);
        new LogSoftmax().Forward(input, logSoftmax);
        new Softmax().Forward(input, softmax);
        Assert.That(logSoftmax.ReadOnlySpan.ToArray(), Has.All.Matches<float>(float.IsFinite));
        Assert.That(logSoftmax[0, 2], Is.EqualTo(-2000f - MathF.Log(1f + MathF.Exp(-1f))).Within(1e-3f), "no -inf where softmax underflows to 0");
        Expect.Close(logSoftmax.ReadOnlySpan.ToArray().Select(MathF.Exp).ToArray(), softmax.ReadOnlySpan.ToArray(), "exp(log_softmax)");
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
