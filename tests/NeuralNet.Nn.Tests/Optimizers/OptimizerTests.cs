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

    [TestCaseSource(nameof(Types))]
    public void Resolve_NameAndAliases_FindTheType(Type type) => Conformance.AssertResolvesByName<IOptimizer>(type);

    /// <summary>
    /// Reference case <paramref name="index"/>'s optimizer on the fixture's kernel and bias, stepped five times with the
    /// fixture's gradients; <paramref name="afterStep"/> sees the parameters after each step.
    /// </summary>
    private static (IOptimizer Optimizer, JsonNode Entry, Parameter Kernel, Parameter Bias) RunReferenceSteps(int index,
        Action<int, JsonNode, Parameter, Parameter>? afterStep = null)
    {
        JsonNode reference = References.Load("optimizers.json");
        JsonNode entry = reference["cases"]![index]!;
        IOptimizer optimizer = Plugin.Create<IOptimizer>(entry["name"]!.GetValue<string>(), References.Options(entry["options"]));
        var kernel = new Parameter("kernel", new TensorShape(27), regularize: true);
        var bias = new Parameter("bias", new TensorShape(5), regularize: false);
        References.Floats(reference["kernel"]).CopyTo(kernel.Value.Span);
        References.Floats(reference["bias"]).CopyTo(bias.Value.Span);
        optimizer.Initialize([kernel, bias]);
        for (int step = 0; step < 5; step++)
        {
            References.Floats(reference["kernel_gradients"]![step]).CopyTo(kernel.Gradient.Span);
            References.Floats(reference["bias_gradients"]![step]).CopyTo(bias.Gradient.Span);
            optimizer.Step();
            afterStep?.Invoke(step, entry, kernel, bias);
        }
        return (optimizer, entry, kernel, bias);
    }

    [TestCaseSource(nameof(ReferenceCases))]
    public void Step_MatchesPyTorch(int index)
        => RunReferenceSteps(index, (step, entry, kernel, bias) =>
        {
            string name = entry["name"]!.GetValue<string>();
            Expect.Close(kernel.Value.ReadOnlySpan, References.Floats(entry["kernel"]![step]), $"{name} kernel after step {step + 1}", absolute: 1e-5);
            Expect.Close(bias.Value.ReadOnlySpan, References.Floats(entry["bias"]![step]), $"{name} bias after step {step + 1}", absolute: 1e-5);
        });

    [TestCaseSource(nameof(ReferenceCases))]
    public void State_AfterFiveSteps_MatchesPyTorchsStateByName(int index)
    {
        var (optimizer, entry, _, bias) = RunReferenceSteps(index);
        string name = entry["name"]!.GetValue<string>();

        JsonObject torchState = entry["kernel_state"]!.AsObject();
        var ours = optimizer.State.ToDictionary(b => b.Name);
        Assert.That(ours.Keys, Is.Unique);
        foreach ((string key, JsonNode? value) in torchState)
        {
            if (value is JsonArray)
                Expect.Close(ours[$"0.{key}"].Value.ReadOnlySpan, References.Floats(value), $"{name} state 0.{key}", absolute: 1e-5);
            else if (ours.TryGetValue(key, out StateBuffer? scalar)) // step and mu_product; rmsprop, adagrad and adadelta need no step count
                Expect.Close(scalar.Value.ReadOnlySpan, [value!.GetValue<float>()], $"{name} state {key}");
        }
        foreach (StateBuffer buffer in optimizer.State)
        {
            string key = buffer.Name.StartsWith("0.", StringComparison.Ordinal) || buffer.Name.StartsWith("1.", StringComparison.Ordinal) ? buffer.Name[2..] : buffer.Name;
            Assert.That(torchState.ContainsKey(key), $"{name}: state '{buffer.Name}' has no PyTorch counterpart '{key}'");
            if (buffer.Name.StartsWith("1.", StringComparison.Ordinal)) Assert.That(buffer.Shape, Is.EqualTo(bias.Shape));
        }
    }

    [TestCaseSource(nameof(Types))]
    public void State_RestoredIntoAFreshOptimizer_ContinuesExactly(Type type)
    {
        string name = Plugin.NameOf(type);
        var options = name == "sgd" ? new Dictionary<string, string?> { ["Momentum"] = "0.9" } : null;
        (Parameter Kernel, Parameter Bias) Fresh()
        {
            var k = new Parameter("kernel", new TensorShape(3, 4), regularize: true);
            var b = new Parameter("bias", new TensorShape(4), regularize: false);
            Plugin.Uniform(1, k.Shape, seed: 1, -1f, 1f).ReadOnlySpan.CopyTo(k.Value.Span);
            return (k, b);
        }
        void Gradients(Parameter k, Parameter b, int step)
        {
            Plugin.Uniform(1, k.Shape, seed: 10 + step, -1f, 1f).ReadOnlySpan.CopyTo(k.Gradient.Span);
            Plugin.Uniform(1, b.Shape, seed: 20 + step, -1f, 1f).ReadOnlySpan.CopyTo(b.Gradient.Span);
        }

        var (k1, b1) = Fresh();
        IOptimizer straight = Plugin.Create<IOptimizer>(name, options);
        straight.Initialize([k1, b1]);
        var (k2, b2) = Fresh();
        IOptimizer first = Plugin.Create<IOptimizer>(name, options);
        first.Initialize([k2, b2]);
        for (int step = 0; step < 3; step++)
        {
            Gradients(k1, b1, step);
            straight.Step();
            Gradients(k2, b2, step);
            first.Step();
        }
        Dictionary<string, float[]> saved = first.State.ToDictionary(b => b.Name, b => b.Value.ReadOnlySpan.ToArray());
        Assert.That(saved, Is.Not.Empty, $"{name} keeps state");

        IOptimizer resumed = Plugin.Create<IOptimizer>(name, options);
        resumed.Initialize([k2, b2]);
        Assert.That(resumed.State.Select(b => b.Name), Is.EqualTo(saved.Keys), "the same names in the same order");
        foreach (StateBuffer buffer in resumed.State) saved[buffer.Name].CopyTo(buffer.Value.Span);
        for (int step = 3; step < 6; step++)
        {
            Gradients(k1, b1, step);
            straight.Step();
            Gradients(k2, b2, step);
            resumed.Step();
        }
        Assert.That(k2.Value.ReadOnlySpan.ToArray(), Is.EqualTo(k1.Value.ReadOnlySpan.ToArray()), $"{name}: resumed kernel equals the uninterrupted run");
        Assert.That(b2.Value.ReadOnlySpan.ToArray(), Is.EqualTo(b1.Value.ReadOnlySpan.ToArray()), $"{name}: resumed bias equals the uninterrupted run");
    }

    [TestCaseSource(nameof(Types))]
    public void State_BeforeInitialize_IsEmpty(Type type)
        => Assert.That(Plugin.Create<IOptimizer>(Plugin.NameOf(type)).State, Is.Empty);

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
}
