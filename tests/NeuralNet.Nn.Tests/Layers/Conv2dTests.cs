using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralNet.Errors;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Layers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Layers;

/// <summary>
/// conv2d: resolution and options round-trip, PyTorch's forward/backward (References/conv2d.json) in every padding,
/// stride, dilation and bias mode, gradient checks, build errors keyed by option, parameter shapes and fans,
/// inference builds, short last batches and zero allocation per batch.
/// </summary>
public class Conv2dTests
{
    private static readonly TensorShape Images = new(3, 7, 6);

    private static Conv2d Built(Conv2dOptions options, TensorShape input, int maxBatch = 2, LayerBuildContext? context = null)
    {
        var layer = new Conv2d(options);
        layer.Build(input, context ?? Plugin.Context(maxBatch));
        return layer;
    }

    [Test]
    public void Resolve_NameAndAliases_FindTheType() => Conformance.AssertResolvesByName<ILayer>(typeof(Conv2d));

    [Test]
    public void Options_RoundTrip_KeepEveryValue() => Conformance.AssertOptionsRoundTrip<ILayer>(typeof(Conv2d), "conv2d",
        new Dictionary<string, string?>
        {
            ["Filters"] = "5", ["KernelSize"] = "4", ["KernelHeight"] = "3", ["KernelWidth"] = "2", ["Stride"] = "2",
            ["Padding"] = "same", ["Dilation"] = "3", ["Bias"] = "untied", ["KernelInitializer"] = "he_normal",
            ["BiasInitializer"] = "ones", ["Algorithm"] = "winograd",
        });

    [Test]
    public void Create_Defaults_AreDocumented()
    {
        var options = new Conv2dOptions();
        Assert.That((options.Filters, options.KernelSize, options.KernelHeight, options.KernelWidth, options.Stride, options.Padding,
                options.Dilation, options.Bias, options.KernelInitializer?.Name, options.BiasInitializer, options.Algorithm),
            Is.EqualTo(((int?)null, 3, (int?)null, (int?)null, 1, "valid", 1, "tied", (string?)null, "zeros", "auto")));
        ILayer layer = Plugin.Create<ILayer>("conv2d", new Dictionary<string, string?> { ["Filters"] = "2" });
        Assert.That(layer.Build(new TensorShape(1, 5, 4), Plugin.Context(1)), Is.EqualTo(new TensorShape(2, 3, 2)));
        Assert.That(layer.HasParameters, Is.True);
        Assert.That(layer.Buffers, Is.Empty);
    }

    public static IEnumerable<TestCaseData> PyTorchCases()
    {
        JsonArray cases = References.Load("conv2d.json")["cases"]!.AsArray();
        for (int i = 0; i < cases.Count; i++)
            yield return new TestCaseData(i).SetName($"ForwardBackward_MatchesPyTorch({cases[i]!["options"]!.ToJsonString().Replace("\"", "'")})");
    }

    [TestCaseSource(nameof(PyTorchCases))]
    public void ForwardBackward_MatchesPyTorch(int index)
    {
        JsonNode file = References.Load("conv2d.json");
        JsonNode reference = file["cases"]![index]!;
        var layer = Plugin.Create<ILayer>("conv2d", References.Options(reference["options"]));
        TensorShape outputShape = layer.Build(Images, Plugin.Context(2));
        Assert.That(outputShape, Is.EqualTo(new TensorShape(reference["output_shape"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray())));
        bool hasBias = reference["bias"] is not null;
        Assert.That(layer.Parameters.Select(p => p.Name), Is.EqualTo(hasBias ? new[] { "kernel", "bias" } : ["kernel"]));
        References.Floats(reference["kernel"]).CopyTo(layer.Parameters[0].Value.Span);
        if (hasBias) References.Floats(reference["bias"]).CopyTo(layer.Parameters[1].Value.Span);

        var input = new Tensor(References.Floats(file["input"]), 2, Images);
        Tensor output = layer.Forward(input, ForwardContext.Train(1, 1));
        Expect.Close(output.ReadOnlySpan, References.Floats(reference["output"]), "output", 1e-4, 1e-5);
        var outputGradient = new Tensor(References.Floats(reference["output_gradient"]), 2, outputShape);
        Tensor inputGradient = layer.Backward(outputGradient, needInputGradient: true)!;
        Expect.Close(inputGradient.ReadOnlySpan, References.Floats(reference["input_gradient"]), "input gradient", 1e-4, 1e-5);
        Expect.Close(layer.Parameters[0].Gradient.ReadOnlySpan, References.Floats(reference["kernel_gradient"]), "kernel gradient", 1e-4, 1e-5);
        if (hasBias)
            Expect.Close(layer.Parameters[1].Gradient.ReadOnlySpan, References.Floats(reference["bias_gradient"]), "bias gradient", 1e-4, 1e-5);
    }

    [TestCase("tied", 1, "valid", 1)]
    [TestCase("tied", 2, "1", 1)]
    [TestCase("tied", 1, "same", 2)]
    [TestCase("untied", 1, "valid", 1)]
    [TestCase("untied", 2, "1", 2)]
    [TestCase("none", 1, "same", 1)]
    [TestCase("none", 2, "2", 2)]
    public void Backward_MatchesFiniteDifferences(string bias, int stride, string padding, int dilation)
    {
        Conv2d layer = Built(new Conv2dOptions
        {
            Filters = 3, KernelHeight = 3, KernelWidth = 2, Stride = stride, Padding = padding, Dilation = dilation,
            Bias = bias, KernelInitializer = "normal",
        }, new TensorShape(2, 6, 5));
        if (layer.Parameters.Count > 1)
            Plugin.Uniform(1, layer.Parameters[1].Shape, seed: 9, -1f, 1f).ReadOnlySpan.CopyTo(layer.Parameters[1].Value.Span);
        GradientCheck.AssertLayer(layer, Plugin.AwayFromZero(2, new TensorShape(2, 6, 5), seed: 3));
    }

    [TestCase("tied", "same")]
    [TestCase("untied", "valid")]
    [TestCase("none", "2")]
    public void Backward_Winograd_MatchesFiniteDifferences(string bias, string padding)
    {
        Conv2d layer = Built(new Conv2dOptions
        {
            Filters = 3, KernelSize = 3, Padding = padding, Bias = bias, KernelInitializer = "normal", Algorithm = "winograd",
        }, new TensorShape(2, 6, 5));
        Assert.That(layer.Algorithm, Is.EqualTo("winograd"));
        if (layer.Parameters.Count > 1)
            Plugin.Uniform(1, layer.Parameters[1].Shape, seed: 9, -1f, 1f).ReadOnlySpan.CopyTo(layer.Parameters[1].Value.Span);
        GradientCheck.AssertLayer(layer, Plugin.AwayFromZero(2, new TensorShape(2, 6, 5), seed: 3));
    }

    [TestCase(16, 16, 3, 1, 1, "winograd")] // 3x3, stride 1, 16 channels and filters
    [TestCase(1, 32, 3, 1, 1, "im2col")] // one input channel: the transforms would cost more than they save
    [TestCase(16, 8, 3, 1, 1, "im2col")] // too few filters
    [TestCase(16, 16, 3, 2, 1, "im2col")] // stride 2
    [TestCase(16, 16, 3, 1, 2, "im2col")] // dilation 2
    [TestCase(16, 16, 5, 1, 1, "im2col")] // 5x5
    public void Build_AutoAlgorithm_PicksWinogradWhereItIsFaster(int channels, int filters, int kernel, int stride, int dilation, string expected)
    {
        Conv2d layer = Built(new Conv2dOptions { Filters = filters, KernelSize = kernel, Stride = stride, Dilation = dilation, Padding = "same" },
            new TensorShape(channels, 12, 12));
        Assert.That(layer.Algorithm, Is.EqualTo(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? expected : "im2col"));
    }

    [Test]
    public void Build_WinogradOnAStridedLayer_ThrowsKeyedByAlgorithmNamingTheGeometry()
    {
        var layer = new Conv2d(new Conv2dOptions { Filters = 2, Stride = 2, Algorithm = "winograd" });
        var error = Assert.Throws<ConfigurationException>(() => layer.Build(Images, Plugin.Context(1, path: "Experiment:Model:Layers:4")))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:4:Algorithm"));
        Assert.That(error.Message, Does.Contain("stride 2").And.Contain("im2col"));
    }

    [Test]
    public void Forward_WinogradAndIm2col_AgreeOnTheSameWeights()
    {
        // The same weights through both algorithms: outputs and gradients agree to float rounding.
        var shape = new TensorShape(16, 9, 11);
        Conv2d winograd = Built(new Conv2dOptions { Filters = 16, Padding = "same", Algorithm = "winograd" }, shape, maxBatch: 5);
        Conv2d im2col = Built(new Conv2dOptions { Filters = 16, Padding = "same", Algorithm = "im2col" }, shape, maxBatch: 5);
        for (int i = 0; i < 2; i++)
            winograd.Parameters[i].Value.ReadOnlySpan.CopyTo(im2col.Parameters[i].Value.Span);
        Tensor input = Plugin.Uniform(5, shape, seed: 4, -1f, 1f);
        Tensor gradient = Plugin.Uniform(5, new TensorShape(16, 9, 11), seed: 5, -1f, 1f);

        float[] a = winograd.Forward(input, ForwardContext.Train(1, 1)).ReadOnlySpan.ToArray();
        float[] b = im2col.Forward(input, ForwardContext.Train(1, 1)).ReadOnlySpan.ToArray();
        float[] da = winograd.Backward(gradient, needInputGradient: true)!.ReadOnlySpan.ToArray();
        float[] db = im2col.Backward(gradient, needInputGradient: true)!.ReadOnlySpan.ToArray();

        Expect.Close(a, b, "output", 1e-4, 1e-5);
        Expect.Close(da, db, "input gradient", 1e-4, 1e-5);
        Expect.Close(winograd.Parameters[0].Gradient.ReadOnlySpan, im2col.Parameters[0].Gradient.ReadOnlySpan.ToArray(), "kernel gradient", 1e-4, 1e-4);
        Assert.That(a.SequenceEqual(b), Is.False, "the algorithms round differently, so this test compares two computations");
    }

    [Test]
    public void Build_Parameters_HavePyTorchLayoutAndGlorotFans()
    {
        Conv2d tied = Built(new Conv2dOptions { Filters = 8, KernelSize = 3 }, Images);
        Assert.That(tied.Parameters.Select(p => (p.Name, p.Shape, p.Regularize)), Is.EqualTo(new[]
        {
            ("kernel", new TensorShape(8, 3, 3, 3), true), ("bias", new TensorShape(8), false),
        }));
        // glorot_uniform with fan-in C·KH·KW = 27 and fan-out F·KH·KW = 72: limit √(6 / 99) ≈ 0.246.
        double limit = Math.Sqrt(6.0 / (27 + 72));
        float[] kernel = tied.Parameters[0].Value.ReadOnlySpan.ToArray();
        Assert.That(kernel.Max(Math.Abs), Is.LessThanOrEqualTo(limit).And.GreaterThan(0.8 * limit));
        Assert.That(tied.Parameters[1].Value.ReadOnlySpan.ToArray(), Is.All.EqualTo(0f));

        Conv2d untied = Built(new Conv2dOptions { Filters = 4, KernelSize = 3, Bias = "Untied" }, Images);
        Assert.That(untied.Parameters[1].Shape, Is.EqualTo(new TensorShape(4, 5, 4)));
        Conv2d none = Built(new Conv2dOptions { Filters = 4, Bias = "none" }, Images);
        Assert.That(none.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "kernel" }));
    }

    [Test]
    public void Build_SamePadding_KeepsTheSizeAtStrideOneAndCeilsAtStrideTwo()
    {
        Assert.That(new Conv2d(new Conv2dOptions { Filters = 2, KernelSize = 3, Padding = "same" }).Build(new TensorShape(1, 28, 28), Plugin.Context(1)),
            Is.EqualTo(new TensorShape(2, 28, 28)));
        Assert.That(new Conv2d(new Conv2dOptions { Filters = 2, KernelSize = 3, Padding = "same", Stride = 2 }).Build(new TensorShape(1, 7, 6), Plugin.Context(1)),
            Is.EqualTo(new TensorShape(2, 4, 3)));
    }

    [Test]
    public void Build_KernelLargerThanPaddedInput_ThrowsKeyedByKernelSizeNamingTheInput()
    {
        var layer = new Conv2d(new Conv2dOptions { Filters = 2, KernelSize = 5, Padding = "1" });
        var error = Assert.Throws<ConfigurationException>(() => layer.Build(new TensorShape(1, 2, 9), Plugin.Context(1, path: "Experiment:Model:Layers:3")))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:3:KernelSize"));
        Assert.That(error.Message, Does.Contain("[1, 2, 9]"));
    }

    [Test]
    public void Build_StrideZero_ThrowsKeyedByStrideNamingTheInput()
    {
        var layer = new Conv2d(new Conv2dOptions { Filters = 2, Stride = 0 });
        var error = Assert.Throws<ConfigurationException>(() => layer.Build(Images, Plugin.Context(1, path: "Experiment:Model:Layers:2")))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:2:Stride"));
        Assert.That(error.Message, Does.Contain("[3, 7, 6]"));

        var created = Assert.Throws<ConfigurationException>(() =>
            Plugin.Create<ILayer>("conv2d", new Dictionary<string, string?> { ["Filters"] = "2", ["Stride"] = "0" }))!;
        Assert.That(created.Key, Is.EqualTo("Test:Stride"));
        Assert.That(created.Message, Does.Contain("Stride"));
    }

    [Test]
    public void Build_RankOneInput_ThrowsNamingTheShapeAndSuggestingAReshape()
    {
        var layer = new Conv2d(new Conv2dOptions { Filters = 2 });
        var error = Assert.Throws<ConfigurationException>(() => layer.Build(new TensorShape(784), Plugin.Context(1, path: "Experiment:Model:Layers:0")))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:0"));
        Assert.That(error.Message, Does.Contain("[784]").And.Contain("reshape"));
    }

    [TestCase("half")]
    [TestCase("-1")]
    public void Build_BadPadding_ThrowsKeyedByPadding(string padding)
    {
        var layer = new Conv2d(new Conv2dOptions { Filters = 2, Padding = padding });
        var error = Assert.Throws<ConfigurationException>(() => layer.Build(Images, Plugin.Context(1)))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:0:Padding"));
        Assert.That(error.Message, Does.Contain(padding).And.Contain("[3, 7, 6]"));
    }

    [TestCase("Filters", "0")]
    [TestCase("Bias", "shared")]
    [TestCase("KernelSize", "0")]
    [TestCase("Dilation", "0")]
    public void Create_InvalidOption_NamesTheKey(string key, string value)
    {
        var options = new Dictionary<string, string?> { ["Filters"] = "2", [key] = value };
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<ILayer>("conv2d", options))!;
        Assert.That(error.Key, Is.EqualTo($"Test:{key}"));
    }

    [Test]
    public void Create_FiltersMissing_NamesFilters()
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<ILayer>("conv2d"))!;
        Assert.That(error.Key, Is.EqualTo("Test:Filters"));
    }

    [Test]
    public void Build_ForInference_AllocatesNoGradientsAndNoInputGradient()
    {
        LayerBuildContext context = Plugin.Context(4) with { Training = false };
        Conv2d layer = Built(new Conv2dOptions { Filters = 3, Padding = "same" }, Images, context: context);
        Assert.That(layer.Parameters.Select(p => p.HasGradient), Is.All.False);
        Assert.That(context.Workspace.Capacity, Is.EqualTo(ConvolutionKernels.ForwardScratchLength(layer.Geometry!, 4, 3)));
        Tensor output = layer.Forward(Plugin.Uniform(4, Images, seed: 1, -1f, 1f), ForwardContext.Evaluation);
        Assert.That(output.ShapeString, Is.EqualTo("[4, 3, 7, 6]"));
        Assert.Throws<InvalidOperationException>(() => layer.Backward(new Tensor(4, output.SampleShape), needInputGradient: true));
    }

    [Test]
    public void Build_FirstLayer_AllocatesNoInputGradientButComputesParameterGradients()
    {
        Conv2d layer = Built(new Conv2dOptions { Filters = 2 }, Images, context: Plugin.Context(2) with { NeedInputGradient = false });
        Tensor output = layer.Forward(Plugin.Uniform(2, Images, seed: 1, -1f, 1f), ForwardContext.Train(1, 1));
        var ones = new Tensor(2, output.SampleShape);
        ones.Span.Fill(1f);
        Assert.That(layer.Backward(ones, needInputGradient: false), Is.Null);
        Assert.That(layer.Parameters[1].Gradient.ReadOnlySpan.ToArray(), Is.All.EqualTo(2f * 5 * 4));
    }

    [Test]
    public void ForwardBackward_ShortLastBatch_MatchesALayerBuiltForThatBatch()
    {
        var options = new Conv2dOptions { Filters = 4, KernelSize = 3, Stride = 2, Padding = "1", Bias = "untied" };
        Conv2d big = Built(options, Images, maxBatch: 5), small = Built(options, Images, maxBatch: 2);
        Tensor full = Plugin.Uniform(5, Images, seed: 2, -1f, 1f);
        big.Forward(full, ForwardContext.Train(1, 1));

        var firstTwo = new Tensor(full.Buffer[..(2 * Images.Size)], 2, Images);
        Tensor output = big.Forward(firstTwo, ForwardContext.Train(1, 2));
        Tensor expected = small.Forward(firstTwo, ForwardContext.Train(1, 2));
        Assert.That(output.BatchSize, Is.EqualTo(2));
        Assert.That(output.ReadOnlySpan.ToArray(), Is.EqualTo(expected.ReadOnlySpan.ToArray()));

        Tensor outputGradient = Plugin.Uniform(2, output.SampleShape, seed: 3, -1f, 1f);
        Tensor inputGradient = big.Backward(outputGradient, needInputGradient: true)!;
        Tensor expectedGradient = small.Backward(outputGradient, needInputGradient: true)!;
        Assert.That(inputGradient.BatchSize, Is.EqualTo(2));
        Assert.That(inputGradient.ReadOnlySpan.ToArray(), Is.EqualTo(expectedGradient.ReadOnlySpan.ToArray()));
        for (int p = 0; p < 2; p++)
            Assert.That(big.Parameters[p].Gradient.ReadOnlySpan.ToArray(), Is.EqualTo(small.Parameters[p].Gradient.ReadOnlySpan.ToArray()));
    }

    [Test]
    public void ForwardBackward_AfterWarmUp_AllocatesNothing()
    {
        var workspace = new Workspace();
        LayerBuildContext Context() => Plugin.Context(8) with { Workspace = workspace };
        ILayer conv = Plugin.Create<ILayer>("conv2d", new Dictionary<string, string?> { ["Filters"] = "4", ["Padding"] = "same" });
        ILayer max = Plugin.Create<ILayer>("max_pool2d");
        ILayer conv2 = Plugin.Create<ILayer>("conv2d", new Dictionary<string, string?> { ["Filters"] = "6", ["Bias"] = "untied", ["Padding"] = "1" });
        ILayer avg = Plugin.Create<ILayer>("avg_pool2d", new Dictionary<string, string?> { ["PoolSize"] = "3", ["Stride"] = "1", ["Padding"] = "1" });
        ILayer global = Plugin.Create<ILayer>("global_avg_pool2d");
        ILayer[] layers = [conv, max, conv2, avg, global];
        TensorShape shape = new(2, 12, 10);
        foreach (ILayer layer in layers) shape = layer.Build(shape, Context());
        Tensor input = Plugin.Uniform(8, new TensorShape(2, 12, 10), seed: 1, -1f, 1f);
        Tensor gradient = Plugin.Uniform(8, shape, seed: 2, -1f, 1f);

        void Step(int batch)
        {
            input.SetBatchSize(batch);
            gradient.SetBatchSize(batch);
            Tensor x = input;
            foreach (ILayer layer in layers) x = layer.Forward(x, ForwardContext.Train(1, 1));
            Tensor? g = gradient;
            for (int i = layers.Length - 1; i >= 0; i--) g = layers[i].Backward(g!, needInputGradient: i > 0);
        }

        Step(8);
        Step(3);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++)
        {
            Step(8);
            Step(3);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Forward_WrongInputShape_ThrowsNamingShapes()
    {
        Conv2d layer = Built(new Conv2dOptions { Filters = 2 }, Images);
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(2, new TensorShape(3, 6, 6)), ForwardContext.Evaluation))!;
        Assert.That(error.Message, Does.Contain("[3, 7, 6]").And.Contain("[2, 3, 6, 6]"));
    }

    /// <summary>Per-batch timings of the Fashion-MNIST CNN's second convolution (batch 128, 32 → 64 channels, 14x14, same).</summary>
    [Test, Explicit("timing, not a check")]
    public void Timing_SecondFashionConvolution()
    {
        var shape = new TensorShape(32, 14, 14);
        Conv2d layer = Built(new Conv2dOptions { Filters = 64, Padding = "same" }, shape, maxBatch: 128);
        Tensor input = Plugin.Uniform(128, shape, seed: 1, -1f, 1f);
        Tensor gradient = Plugin.Uniform(128, new TensorShape(64, 14, 14), seed: 2, -1f, 1f);
        for (int i = 0; i < 3; i++)
        {
            layer.Forward(input, ForwardContext.Train(1, 1));
            layer.Backward(gradient, needInputGradient: true);
        }

        const int runs = 10;
        var forward = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++) layer.Forward(input, ForwardContext.Train(1, 1));
        forward.Stop();
        var backward = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++) layer.Backward(gradient, needInputGradient: true);
        backward.Stop();
        TestContext.Out.WriteLine($"conv2 forward {forward.Elapsed.TotalMilliseconds / runs:F1} ms, backward {backward.Elapsed.TotalMilliseconds / runs:F1} ms per batch of 128");
    }
}
