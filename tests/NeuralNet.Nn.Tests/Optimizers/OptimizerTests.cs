using System.Text.Json.Nodes;
using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Nn.Optimizers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Optimizers;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Optimizers;

/// <summary>
/// Every optimizer the plugin registers: resolution by name, five steps against PyTorch (References/optimizers.json:
/// a regularised 27-element kernel and an unregularised 5-element bias, fixed gradients), options round-trip and
/// validation that names the key.
/// </summary>
public class OptimizerTests
{
    private static IEnumerable<Type> Types() => Plugin.ComponentTypes<IOptimizer>();

    private static IEnumerable<TestCaseData> ReferenceCases()
    {
        JsonArray cases = References.Load("optimizers.json")["cases"]!.AsArray();
        for (int i = 0; i < cases.Count; i++)
        {
            string name = cases[i]!["name"]!.GetValue<string>();
            string suffix = string.Concat(cases[i]!["options"]!.AsObject().Select(o => $"_{o.Key}_{o.Value}"));
            yield return new TestCaseData(i).SetName($"Step_{name}{suffix}_MatchesPyTorchForFiveSteps");
        }
    }

    private static IEnumerable<TestCaseData> OptionCases()
    {
        foreach (JsonNode? entry in References.Load("optimizers.json")["cases"]!.AsArray())
            if (entry!["options"]!.AsObject().Count > 0)
                yield return new TestCaseData(entry["name"]!.GetValue<string>(), entry["options"]!.ToJsonString());
    }

    /// <summary>The reference case's optimizer, bound to a 27-element regularised kernel and a 5-element bias at their reference values.</summary>
    private static (IOptimizer Optimizer, Parameter Kernel, Parameter Bias) Bound(JsonNode reference, JsonNode entry)
    {
        IOptimizer optimizer = Plugin.Create<IOptimizer>(entry["name"]!.GetValue<string>(), References.Options(entry["options"]));
        var kernel = new Parameter("kernel", new TensorShape(27), regularize: true);
        var bias = new Parameter("bias", new TensorShape(5), regularize: false);
        References.Floats(reference["kernel"]).CopyTo(kernel.Value.Span);
        References.Floats(reference["bias"]).CopyTo(bias.Value.Span);
        optimizer.Initialize([kernel, bias]);
        return (optimizer, kernel, bias);
    }

    /// <summary>One step with the reference gradients of step <paramref name="step"/>.</summary>
    private static void Apply(JsonNode reference, IOptimizer optimizer, Parameter kernel, Parameter bias, int step)
    {
        References.Floats(reference["kernel_gradients"]![step]).CopyTo(kernel.Gradient.Span);
        References.Floats(reference["bias_gradients"]![step]).CopyTo(bias.Gradient.Span);
        optimizer.Step();
    }

    [TestCaseSource(nameof(Types))]
    public void Resolve_NameAndAliases_FindTheType(Type type) => Conformance.AssertResolvesByName<IOptimizer>(type);

    /// <summary>
    /// The optimizer's state (buffers, step count, learning rate) copied into a fresh instance after three steps
    /// continues bitwise identically: what a checkpoint relies on for exact resume.
    /// </summary>
    [TestCaseSource(nameof(ReferenceCases))]
    public void State_CopiedIntoAFreshOptimizer_ContinuesBitwiseIdentically(int index)
    {
        JsonNode reference = References.Load("optimizers.json");
        JsonNode entry = reference["cases"]![index]!;
        string name = entry["name"]!.GetValue<string>();
        (IOptimizer Optimizer, Parameter Kernel, Parameter Bias) Make() => Bound(reference, entry);
        void Step((IOptimizer Optimizer, Parameter Kernel, Parameter Bias) m, int step) => Apply(reference, m.Optimizer, m.Kernel, m.Bias, step);

        var whole = Make();
        var first = Make();
        for (int step = 0; step < 3; step++) { Step(whole, step); Step(first, step); }
        whole.Optimizer.LearningRate *= 0.5f;
        first.Optimizer.LearningRate *= 0.5f;

        var resumed = Make();
        Assert.That(resumed.Optimizer.State.Select(b => (b.Name, b.Shape)), Is.EqualTo(first.Optimizer.State.Select(b => (b.Name, b.Shape))));
        for (int i = 0; i < first.Optimizer.State.Count; i++) first.Optimizer.State[i].Value.ReadOnlySpan.CopyTo(resumed.Optimizer.State[i].Value.Span);
        resumed.Optimizer.Steps = first.Optimizer.Steps;
        resumed.Optimizer.LearningRate = first.Optimizer.LearningRate;
        first.Kernel.Value.ReadOnlySpan.CopyTo(resumed.Kernel.Value.Span);
        first.Bias.Value.ReadOnlySpan.CopyTo(resumed.Bias.Value.Span);
        Assert.That(first.Optimizer.Steps, Is.EqualTo(3));

        for (int step = 3; step < 5; step++) { Step(whole, step); Step(resumed, step); }
        Assert.That(resumed.Kernel.Value.ReadOnlySpan.ToArray(), Is.EqualTo(whole.Kernel.Value.ReadOnlySpan.ToArray()), $"{name}: kernel after resume");
        Assert.That(resumed.Bias.Value.ReadOnlySpan.ToArray(), Is.EqualTo(whole.Bias.Value.ReadOnlySpan.ToArray()), $"{name}: bias after resume");
    }

    [TestCaseSource(nameof(ReferenceCases))]
    public void Step_MatchesPyTorch(int index)
    {
        JsonNode reference = References.Load("optimizers.json");
        JsonNode entry = reference["cases"]![index]!;
        string name = entry["name"]!.GetValue<string>();
        var (optimizer, kernel, bias) = Bound(reference, entry);

        for (int step = 0; step < 5; step++)
        {
            Apply(reference, optimizer, kernel, bias, step);
            Expect.Close(kernel.Value.ReadOnlySpan, References.Floats(entry["kernel"]![step]), $"{name} kernel after step {step + 1}", absolute: 1e-5);
            Expect.Close(bias.Value.ReadOnlySpan, References.Floats(entry["bias"]![step]), $"{name} bias after step {step + 1}", absolute: 1e-5);
        }
    }

    [Test]
    public void References_CoverEveryRegisteredOptimizer()
    {
        var referenced = References.Load("optimizers.json")["cases"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToHashSet();
        Assert.That(Plugin.Registry.KnownNames<IOptimizer>(), Is.SubsetOf(referenced),
            "Add the new optimizer to References/make_references.py and regenerate.");
    }

    [TestCaseSource(nameof(OptionCases))]
    public void Options_RoundTrip_KeepEveryValue(string name, string optionsJson)
    {
        Dictionary<string, string?> options = References.Options(JsonNode.Parse(optionsJson))!;
        Conformance.AssertOptionsRoundTrip<IOptimizer>(Plugin.Registry.Find<IOptimizer>(name, "Test").ComponentType, name, options);
    }

    [TestCaseSource(nameof(Types))]
    public void Create_NegativeLearningRate_NamesTheKey(Type type)
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            Plugin.Create<IOptimizer>(Plugin.NameOf(type), new Dictionary<string, string?> { ["LearningRate"] = "-0.1" }))!;
        Assert.That(error.Key, Is.EqualTo("Test:LearningRate"));
    }

    [TestCaseSource(nameof(Types))]
    public void Create_ZeroLearningRate_NamesTheKey(Type type)
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            Plugin.Create<IOptimizer>(Plugin.NameOf(type), new Dictionary<string, string?> { ["LearningRate"] = "0" }))!;
        Assert.That(error.Key, Is.EqualTo("Test:LearningRate"));
    }

    [TestCase("sgd", "Momentum", "1")]
    [TestCase("sgd", "Nesterov", "true")]        // without momentum
    [TestCase("adam", "Beta1", "1")]
    [TestCase("adamw", "Beta2", "-0.5")]
    [TestCase("adam", "Epsilon", "0")]
    [TestCase("rmsprop", "Alpha", "1.5")]
    [TestCase("adagrad", "WeightDecay", "-1")]
    [TestCase("adadelta", "Rho", "1.5")]
    [TestCase("adamax", "Beta2", "1")]
    [TestCase("nadam", "MomentumDecay", "-0.1")]
    public void Create_InvalidOption_NamesTheKey(string name, string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<IOptimizer>(name, new Dictionary<string, string?> { [key] = value }))!;
        Assert.That(error.Key, Is.EqualTo($"Test:{key}"));
    }

    [TestCaseSource(nameof(Types))]
    public void Step_BeforeInitialize_Throws(Type type)
        => Assert.Throws<InvalidOperationException>(() => Plugin.Create<IOptimizer>(Plugin.NameOf(type)).Step());

    [TestCaseSource(nameof(Types))]
    public void LearningRate_StartsAtTheOptionAndCanBeChanged(Type type)
    {
        IOptimizer optimizer = Plugin.Create<IOptimizer>(Plugin.NameOf(type), new Dictionary<string, string?> { ["LearningRate"] = "0.125" });
        Assert.That(optimizer.LearningRate, Is.EqualTo(0.125f));
        optimizer.LearningRate = 0.5f;
        Assert.That(optimizer.LearningRate, Is.EqualTo(0.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = float.NaN);
    }

    [Test]
    public void Sgd_ChangedLearningRate_ScalesTheNextStep()
    {
        var sgd = new Sgd(new SgdOptions());
        var weight = new Parameter("kernel", new TensorShape(3), regularize: true);
        weight.Gradient.Span.Fill(2f);
        sgd.Initialize([weight]);
        sgd.LearningRate = 0.25f;
        sgd.Step();
        Assert.That(weight.Value.ReadOnlySpan.ToArray(), Is.All.EqualTo(-0.5f));
    }

    [Test]
    public void AdamW_WeightDecay_SkipsUnregularisedParameters()
    {
        var adamw = new AdamW(new AdamWOptions { WeightDecay = 0.5f, LearningRate = 0.1f });
        var kernel = new Parameter("kernel", new TensorShape(2), regularize: true);
        var bias = new Parameter("bias", new TensorShape(2), regularize: false);
        kernel.Value.Span.Fill(1f);
        bias.Value.Span.Fill(1f);
        adamw.Initialize([kernel, bias]); // zero gradients: only decay can move a value
        adamw.Step();
        Assert.That(kernel.Value.ReadOnlySpan.ToArray(), Is.All.EqualTo(1f - 0.1f * 0.5f));
        Assert.That(bias.Value.ReadOnlySpan.ToArray(), Is.All.EqualTo(1f));
    }

    /// <summary>After five steps, every state buffer equals PyTorch's state of the same name (<c>0.exp_avg</c> is the kernel's <c>exp_avg</c>), and Steps its step count.</summary>
    [TestCaseSource(nameof(ReferenceCases))]
    public void State_AfterFiveSteps_MatchesPyTorchsStateByName(int index)
    {
        JsonNode reference = References.Load("optimizers.json");
        JsonNode entry = reference["cases"]![index]!;
        string name = entry["name"]!.GetValue<string>();
        var (optimizer, kernel, bias) = Bound(reference, entry);
        for (int step = 0; step < 5; step++)
        {
            Apply(reference, optimizer, kernel, bias, step);
        }

        JsonObject torchState = entry["kernel_state"]!.AsObject();
        var ours = optimizer.State.ToDictionary(b => b.Name);
        Assert.That(optimizer.Steps, Is.EqualTo(5));
        foreach ((string key, JsonNode? value) in torchState)
        {
            if (value is JsonArray)
                Expect.Close(ours[$"0.{key}"].Value.ReadOnlySpan, References.Floats(value), $"{name} state 0.{key}", absolute: 1e-5);
            else if (key == "step")
                Assert.That(value!.GetValue<float>(), Is.EqualTo((float)optimizer.Steps), $"{name} step");
            else
                Expect.Close(ours[key].Value.ReadOnlySpan, [value!.GetValue<float>()], $"{name} state {key}"); // nadam's mu_product
        }
        foreach (StateBuffer buffer in optimizer.State)
        {
            string key = buffer.Name.StartsWith("0.", StringComparison.Ordinal) || buffer.Name.StartsWith("1.", StringComparison.Ordinal) ? buffer.Name[2..] : buffer.Name;
            Assert.That(torchState.ContainsKey(key), $"{name}: state '{buffer.Name}' has no PyTorch counterpart '{key}'");
        }
    }
}
