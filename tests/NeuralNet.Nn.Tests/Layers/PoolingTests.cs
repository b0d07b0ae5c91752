using System.Text.Json.Nodes;
using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Nn.Layers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Layers;

/// <summary>
/// max_pool2d, avg_pool2d and global_avg_pool2d: resolution and options round-trip, PyTorch's forward and input
/// gradient (References/pooling.json), build errors keyed by option, no parameters, inference
/// builds and short last batches. Gradient checks are in MaxPool2dTests, AvgPool2dTests and GlobalAvgPool2dTests.
/// </summary>
public class PoolingTests
{
    private static readonly TensorShape Images = new(3, 7, 6);

    /// <summary>Distinct values 0.05 apart, shuffled: a perturbation of 1e-2 never changes a max window's winner.</summary>
    internal static Tensor Distinct(int batch, TensorShape shape, int seed)
    {
        var tensor = new Tensor(batch, shape);
        Span<float> span = tensor.Span;
        for (int i = 0; i < span.Length; i++) span[i] = 0.05f * i - 0.025f * span.Length;
        new Random(seed).Shuffle(span);
        return tensor;
    }

    [TestCase(typeof(MaxPool2d))]
    [TestCase(typeof(AvgPool2d))]
    [TestCase(typeof(GlobalAvgPool2d))]
    public void Resolve_NameAndAliases_FindTheType(Type type) => Conformance.AssertResolvesByName<ILayer>(type);

    [TestCase(typeof(MaxPool2d), "max_pool2d")]
    [TestCase(typeof(AvgPool2d), "avg_pool2d")]
    public void Options_RoundTrip_KeepEveryValue(Type type, string name) => Conformance.AssertOptionsRoundTrip<ILayer>(type, name,
        new Dictionary<string, string?> { ["PoolSize"] = "3", ["Stride"] = "1", ["Padding"] = "1" });

    [TestCase("max_pool2d")]
    [TestCase("avg_pool2d")]
    [TestCase("global_avg_pool2d")]
    public void Create_Defaults_HalveTheImageWithoutParameters(string name)
    {
        ILayer layer = Plugin.Create<ILayer>(name);
        TensorShape output = layer.Build(new TensorShape(4, 9, 8), Plugin.Context(2));
        Assert.That(output, Is.EqualTo(name == "global_avg_pool2d" ? new TensorShape(4) : new TensorShape(4, 4, 4)));
        Assert.That(layer.HasParameters, Is.False);
        Assert.That(layer.Parameters, Is.Empty);
        Assert.That(layer.Buffers, Is.Empty);
    }

    public static IEnumerable<TestCaseData> PyTorchCases()
    {
        JsonArray cases = References.Load("pooling.json")["cases"]!.AsArray();
        for (int i = 0; i < cases.Count; i++)
            yield return new TestCaseData(i).SetName(
                $"ForwardBackward_MatchesPyTorch({cases[i]!["name"]!.GetValue<string>()} {cases[i]!["options"]!.ToJsonString().Replace("\"", "'")})");
    }

    [TestCaseSource(nameof(PyTorchCases))]
    public void ForwardBackward_MatchesPyTorch(int index)
    {
        JsonNode file = References.Load("pooling.json");
        JsonNode reference = file["cases"]![index]!;
        var layer = Plugin.Create<ILayer>(reference["name"]!.GetValue<string>(), References.Options(reference["options"]));
        TensorShape outputShape = layer.Build(Images, Plugin.Context(2));
        Assert.That(outputShape, Is.EqualTo(new TensorShape(reference["output_shape"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray())));

        Tensor output = layer.Forward(new Tensor(References.Floats(file["input"]), 2, Images), ForwardContext.Train(1, 1));
        Expect.Close(output.ReadOnlySpan, References.Floats(reference["output"]), "output");
        Tensor inputGradient = layer.Backward(new Tensor(References.Floats(reference["output_gradient"]), 2, outputShape), needInputGradient: true)!;
        Expect.Close(inputGradient.ReadOnlySpan, References.Floats(reference["input_gradient"]), "input gradient");
    }

    [Test]
    public void Forward_AvgPoolPadding_CountsInTheDivisor()
    {
        var layer = new AvgPool2d(new Pool2dOptions { PoolSize = 2, Stride = 2, Padding = 1 });
        Assert.That(layer.Build(new TensorShape(1, 2, 2), Plugin.Context(1)), Is.EqualTo(new TensorShape(1, 2, 2)));
        Tensor output = layer.Forward(new Tensor([4f, 8f, 12f, 16f], 1, new TensorShape(1, 2, 2)), ForwardContext.Evaluation);
        Assert.That(output.ReadOnlySpan.ToArray(), Is.EqualTo(new[] { 1f, 2f, 3f, 4f })); // each window holds one pixel and three zeros
    }

    [TestCase("max_pool2d")]
    [TestCase("avg_pool2d")]
    [TestCase("global_avg_pool2d")]
    public void Build_RankOneInput_ThrowsNamingTheShapeAndSuggestingAReshape(string name)
    {
        ILayer layer = Plugin.Create<ILayer>(name);
        var error = Assert.Throws<ConfigurationException>(() => layer.Build(new TensorShape(784), Plugin.Context(1, path: "Experiment:Model:Layers:4")))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:4"));
        Assert.That(error.Message, Does.Contain("[784]").And.Contain("reshape"));
    }

    [TestCase(4, null, 0, "PoolSize")] // window larger than the 3x3 input
    [TestCase(2, 0, 0, "Stride")]
    [TestCase(2, null, 2, "Padding")] // more than half the window
    public void Build_BadGeometry_ThrowsKeyedByTheOptionNamingTheInput(int poolSize, int? stride, int padding, string key)
    {
        var options = new Pool2dOptions { PoolSize = poolSize, Stride = stride, Padding = padding };
        foreach (ILayer layer in new ILayer[] { new MaxPool2d(options), new AvgPool2d(options) })
        {
            var error = Assert.Throws<ConfigurationException>(() => layer.Build(new TensorShape(2, 3, 3), Plugin.Context(1)))!;
            Assert.That(error.Key, Is.EqualTo($"Experiment:Model:Layers:0:{key}"));
            Assert.That(error.Message, Does.Contain("[2, 3, 3]"));
        }
    }

    [TestCase("PoolSize", "0")]
    [TestCase("Stride", "0")]
    [TestCase("Padding", "-1")]
    public void Create_InvalidOption_NamesTheKey(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<ILayer>("max_pool2d", new Dictionary<string, string?> { [key] = value }))!;
        Assert.That(error.Key, Is.EqualTo($"Test:{key}"));
    }

    [TestCase("max_pool2d")]
    [TestCase("avg_pool2d")]
    [TestCase("global_avg_pool2d")]
    public void Build_ForInference_ForwardWorksWithoutAnInputGradient(string name)
    {
        ILayer layer = Plugin.Create<ILayer>(name);
        layer.Build(Images, Plugin.Context(2) with { Training = false });
        Tensor output = layer.Forward(Distinct(2, Images, seed: 1), ForwardContext.Evaluation);
        Assert.That(output.BatchSize, Is.EqualTo(2));
        Assert.Throws<InvalidOperationException>(() => layer.Backward(new Tensor(2, output.SampleShape), needInputGradient: true));
    }

    [TestCase("max_pool2d")]
    [TestCase("avg_pool2d")]
    [TestCase("global_avg_pool2d")]
    public void ForwardBackward_ShortLastBatch_MatchesTheFullBatchRows(string name)
    {
        var options = new Dictionary<string, string?>();
        if (name != "global_avg_pool2d")
        {
            options["PoolSize"] = "3";
            options["Stride"] = "2";
            options["Padding"] = "1";
        }

        ILayer layer = Plugin.Create<ILayer>(name, options.Count > 0 ? options : null);
        TensorShape outputShape = layer.Build(Images, Plugin.Context(5));
        Tensor full = Distinct(5, Images, seed: 2);
        Tensor gradient = Plugin.Uniform(5, outputShape, seed: 3, -1f, 1f);
        float[] expectedOutput = layer.Forward(full, ForwardContext.Train(1, 1)).ReadOnlySpan[..(2 * outputShape.Size)].ToArray();
        float[] expectedGradient = layer.Backward(gradient, needInputGradient: true)!.ReadOnlySpan[..(2 * Images.Size)].ToArray();

        var firstTwo = new Tensor(full.Buffer[..(2 * Images.Size)], 2, Images);
        Tensor output = layer.Forward(firstTwo, ForwardContext.Train(1, 2));
        Assert.That(output.BatchSize, Is.EqualTo(2));
        Assert.That(output.ReadOnlySpan.ToArray(), Is.EqualTo(expectedOutput));
        gradient.SetBatchSize(2);
        Tensor inputGradient = layer.Backward(gradient, needInputGradient: true)!;
        Assert.That(inputGradient.BatchSize, Is.EqualTo(2));
        Assert.That(inputGradient.ReadOnlySpan.ToArray(), Is.EqualTo(expectedGradient));
        Assert.That(layer.Backward(gradient, needInputGradient: false), Is.Null);
    }
}
