using System.Text.Json.Nodes;
using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Nn.Layers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Layers;

/// <summary>
/// The dense layer: resolution and options round-trip, gradient checks (with and without bias), rank-3 input
/// rejected (a flatten layer goes first), PyTorch's forward/backward (References/dense.json), Units from the data, and error keys.
/// </summary>
public class DenseTests
{
    private static Dense Built(int inputs, int? units, int maxBatch = 4, bool useBias = true, int? outputSize = null, string kernelInitializer = "glorot_uniform")
    {
        var dense = new Dense(new DenseOptions { Units = units, UseBias = useBias, KernelInitializer = kernelInitializer });
        dense.Build(new TensorShape(inputs), Plugin.Context(maxBatch, outputSize));
        return dense;
    }

    [Test]
    public void Resolve_NameAndAliases_FindTheType() => Conformance.AssertResolvesByName<ILayer>(typeof(Dense));

    [Test]
    public void Options_RoundTrip_KeepEveryValue() => Conformance.AssertOptionsRoundTrip<ILayer>(typeof(Dense), "dense",
        new Dictionary<string, string?> { ["Units"] = "7", ["UseBias"] = "false", ["KernelInitializer"] = "he_normal", ["BiasInitializer"] = "ones" });

    [Test]
    public void Options_RoundTrip_KeepAnInitializerWithOptions() => Conformance.AssertOptionsRoundTrip<ILayer>(typeof(Dense), "dense",
        new Dictionary<string, string?> { ["Units"] = "7", ["KernelInitializer:Type"] = "normal", ["KernelInitializer:Std"] = "0.01" });

    [Test]
    public void KernelInitializerSection_PassesItsOptions()
    {
        ILayer dense = Plugin.Create<ILayer>("dense", new Dictionary<string, string?>
            { ["Units"] = "200", ["KernelInitializer:Type"] = "normal", ["KernelInitializer:Mean"] = "0.5", ["KernelInitializer:Std"] = "0.01" });
        dense.Build(new TensorShape(300), Plugin.Context(2));
        float[] kernel = dense.Parameters[0].Value.ReadOnlySpan.ToArray();
        double mean = kernel.Average(v => (double)v);
        double std = Math.Sqrt(kernel.Average(v => (v - mean) * (v - mean)));
        Assert.That(mean, Is.EqualTo(0.5).Within(1e-3));
        Assert.That(std, Is.EqualTo(0.01).Within(2e-4));
    }

    [TestCase("KernelInitializer:Sdt", "0.01", "Test:KernelInitializer:Sdt")]   // misspelled option of the initialiser
    [TestCase("KernelInitializer:Std", "-1", "Test:KernelInitializer:Std")]     // out of its range
    public void KernelInitializerSection_BadOption_NamesTheNestedKey(string key, string value, string reported)
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<ILayer>("dense",
            new Dictionary<string, string?> { ["Units"] = "2", ["KernelInitializer:Type"] = "normal", [key] = value }))!;
        Assert.That(error.Key, Is.EqualTo(reported));
    }

    [Test]
    public void KernelInitializerSection_WithoutType_NamesTheKey()
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<ILayer>("dense",
            new Dictionary<string, string?> { ["Units"] = "2", ["KernelInitializer:Std"] = "0.1" }))!;
        Assert.That(error.Key, Is.EqualTo("Test:KernelInitializer"));
        Assert.That(error.Message, Does.Contain("Type"));
    }

    [Test]
    public void Backward_WithBias_MatchesFiniteDifferences()
    {
        Dense dense = Built(inputs: 5, units: 4, kernelInitializer: "normal");
        dense.Parameters[1].Value.Span.Fill(0.3f); // a non-zero bias
        GradientCheck.AssertLayer(dense, Plugin.AwayFromZero(3, new TensorShape(5), seed: 1));
    }

    [Test]
    public void Backward_WithoutBias_MatchesFiniteDifferences()
    {
        Dense dense = Built(inputs: 6, units: 3, useBias: false);
        Assert.That(dense.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "kernel" }));
        GradientCheck.AssertLayer(dense, Plugin.AwayFromZero(2, new TensorShape(6), seed: 2));
    }

    [Test]
    public void Build_RankThreeInput_ThrowsAskingForFlatten()
    {
        var dense = new Dense(new DenseOptions { Units = 4 });
        var error = Assert.Throws<ConfigurationException>(() =>
            dense.Build(new TensorShape(2, 2, 3), Plugin.Context(maxBatchSize: 3, path: "Experiment:Model:Layers:2")))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:2"));
        Assert.That(error.Message, Does.Contain("flatten").And.Contain("[2, 2, 3]"));
    }

    [Test]
    public void ForwardBackward_MatchesPyTorch()
    {
        JsonNode reference = References.Load("dense.json");
        Dense dense = Built(inputs: 5, units: 7);
        References.Floats(reference["kernel"]).CopyTo(dense.Parameters[0].Value.Span);
        References.Floats(reference["bias"]).CopyTo(dense.Parameters[1].Value.Span);

        Tensor output = dense.Forward(References.Tensor(reference["input"]), ForwardContext.Train(1, 1));
        Expect.Close(output.ReadOnlySpan, References.Floats(reference["output"]), "output");
        Tensor inputGradient = dense.Backward(References.Tensor(reference["output_gradient"]), needInputGradient: true)!;

        Expect.Close(inputGradient.ReadOnlySpan, References.Floats(reference["input_gradient"]), "input gradient");
        Expect.Close(dense.Parameters[0].Gradient.ReadOnlySpan, References.Floats(reference["kernel_gradient"]), "kernel gradient");
        Expect.Close(dense.Parameters[1].Gradient.ReadOnlySpan, References.Floats(reference["bias_gradient"]), "bias gradient");
    }

    [Test]
    public void Forward_SmallerBatch_UsesTheSameBuffersAndMatchesTheFullBatchRows()
    {
        Dense dense = Built(inputs: 5, units: 3, maxBatch: 6);
        Tensor full = Plugin.Uniform(6, new TensorShape(5), seed: 4, -1f, 1f);
        Tensor fullOutput = dense.Forward(full, ForwardContext.Evaluation);
        float[] expected = fullOutput.ReadOnlySpan[..(2 * 3)].ToArray();

        var firstTwo = new Tensor(full.Buffer[..(2 * 5)], 2, new TensorShape(5));
        Tensor output = dense.Forward(firstTwo, ForwardContext.Evaluation);

        Assert.That(output, Is.SameAs(fullOutput));
        Assert.That(output.BatchSize, Is.EqualTo(2));
        Assert.That(output.ReadOnlySpan.ToArray(), Is.EqualTo(expected));
        Assert.That(dense.Backward(new Tensor(2, 3), needInputGradient: true)!.BatchSize, Is.EqualTo(2));
    }

    [Test]
    public void Backward_InputGradientNotNeeded_ReturnsNullButParameterGradients()
    {
        Dense dense = Built(inputs: 3, units: 2);
        dense.Forward(Plugin.Uniform(2, new TensorShape(3), seed: 5, -1f, 1f), ForwardContext.Train(1, 1));
        var outputGradient = new Tensor([1f, 2f, 3f, 4f], 2, new TensorShape(2));
        Assert.That(dense.Backward(outputGradient, needInputGradient: false), Is.Null);
        Assert.That(dense.Parameters[1].Gradient.ReadOnlySpan.ToArray(), Is.EqualTo(new[] { 4f, 6f }));
    }

    [Test]
    public void Build_UnitsOmitted_TakesTheDataOutputSize()
    {
        var dense = Plugin.Create<ILayer>("dense");
        TensorShape output = dense.Build(new TensorShape(5), Plugin.Context(maxBatchSize: 2, outputSize: 3));
        Assert.That(output, Is.EqualTo(new TensorShape(3)));
        Assert.That(dense.Parameters[0].Value.SampleShape, Is.EqualTo(new TensorShape(5, 3)));
        Assert.That(dense.Parameters[1].Value.SampleShape, Is.EqualTo(new TensorShape(3)));
    }

    [Test]
    public void Build_UnitsGiven_IgnoresTheDataOutputSize()
    {
        var dense = Plugin.Create<ILayer>("dense", new Dictionary<string, string?> { ["Units"] = "8" });
        Assert.That(dense.Build(new TensorShape(5), Plugin.Context(maxBatchSize: 2, outputSize: 3)), Is.EqualTo(new TensorShape(8)));
    }

    [Test]
    public void Build_UnitsOmittedAndNoOutputSize_ThrowsNamingUnits()
    {
        var dense = Plugin.Create<ILayer>("dense");
        var error = Assert.Throws<ConfigurationException>(() =>
            dense.Build(new TensorShape(5), Plugin.Context(maxBatchSize: 2, outputSize: null, path: "Experiment:Model:Layers:1")))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:1:Units"));
        Assert.That(error.Message, Does.Contain("only the last layer").IgnoreCase);
    }

    [Test]
    public void Create_UnknownInitializer_ThrowsNamingTheKey_BeforeAnyBuild()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            Plugin.Create<ILayer>("dense", new Dictionary<string, string?> { ["Units"] = "2", ["KernelInitializer"] = "glorot_unifrom" }))!;
        Assert.That(error.Key, Is.EqualTo("Test:KernelInitializer"));
        Assert.That(error.Message, Does.Contain("Unknown initializer 'glorot_unifrom'").And.Contain("glorot_uniform"));
    }

    [Test]
    public void Build_InitializerUnknownToADirectlyConstructedLayer_ThrowsNamingTheKey()
    {
        var dense = new Dense(new DenseOptions { Units = 2, KernelInitializer = "glorot_unifrom" });
        var error = Assert.Throws<ConfigurationException>(() => dense.Build(new TensorShape(3), Plugin.Context(2)))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:0:KernelInitializer"));
        Assert.That(error.Message, Does.Contain("glorot_uniform"));
    }

    [TestCase("Units", "0")]
    [TestCase("Units", "many")]
    [TestCase("KernelInitializer", " ")] // blank; an empty value ("--Key=") means "unset" and keeps the default
    [TestCase("Activation", "relu")] // the engine strips it before creating the layer; here it is an unknown option
    public void Create_InvalidOption_NamesTheKey(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<ILayer>("dense", new Dictionary<string, string?> { [key] = value }))!;
        Assert.That(error.Key, Is.EqualTo($"Test:{key}"));
    }

    [Test]
    public void Build_SameSeed_SameWeights_BiasFromItsInitializer()
    {
        Dense first = Built(inputs: 4, units: 3), second = Built(inputs: 4, units: 3);
        Assert.That(second.Parameters[0].Value.ReadOnlySpan.ToArray(), Is.EqualTo(first.Parameters[0].Value.ReadOnlySpan.ToArray()));
        Assert.That(first.Parameters[0].Value.ReadOnlySpan.ToArray(), Has.Some.Not.EqualTo(0f));
        Assert.That(first.Parameters[1].Value.ReadOnlySpan.ToArray(), Is.All.EqualTo(0f));
        Assert.That(first.Parameters.Select(p => (p.Name, p.Regularize)), Is.EqualTo(new[] { ("kernel", true), ("bias", false) }));
    }

    [Test]
    public void Forward_WrongInputWidth_ThrowsNamingShapes()
    {
        Dense dense = Built(inputs: 4, units: 3);
        var error = Assert.Throws<ArgumentException>(() => dense.Forward(new Tensor(2, 5), ForwardContext.Train(1, 1)))!;
        Assert.That(error.Message, Does.Contain("4").And.Contain("[2, 5]"));
    }
}
