using System.Text.Json.Nodes;
using NeuralNet.Errors;
using NeuralNet.Kernels;
using NeuralNet.Kernels.Threading;
using NeuralNet.Layers;
using NeuralNet.Nn.Layers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Layers;

/// <summary>
/// batch_norm, 1-D ([F]) and 2-D ([C, H, W]): PyTorch's training forward and gradients, running statistics after
/// two steps and the evaluation output (References/batch_norm.json), gradient checks in both modes, state names and
/// initial values, rank errors, and bitwise identical results for 1 and 2 kernel threads.
/// </summary>
public class BatchNormTests
{
    private static BatchNorm Built(TensorShape shape, int maxBatch, float momentum = 0.1f, bool affine = true)
    {
        var layer = new BatchNorm(new BatchNormOptions { Momentum = momentum, Affine = affine });
        layer.Build(shape, Plugin.Context(maxBatch));
        return layer;
    }

    private static JsonNode Case(string name)
        => References.Load("batch_norm.json")["cases"]!.AsArray().Single(c => (string)c!["name"]! == name)!;

    private static TensorShape ShapeOf(JsonNode reference)
        => new(reference["shape"]!.AsArray().Select(d => (int)d!).ToArray());

    private static Tensor Input(JsonNode? node, TensorShape shape)
    {
        Tensor flat = References.Tensor(node);
        return new Tensor(flat.Buffer, flat.BatchSize, shape);
    }

    [Test]
    public void Resolve_NameAndAliases_FindTheType() => Conformance.AssertResolvesByName<ILayer>(typeof(BatchNorm));

    [Test]
    public void Options_RoundTrip_KeepEveryValue() => Conformance.AssertOptionsRoundTrip<ILayer>(typeof(BatchNorm), "batch_norm",
        new Dictionary<string, string?> { ["Momentum"] = "0.05", ["Epsilon"] = "0.001", ["Affine"] = "false" });

    [TestCase("Momentum", "1.5")]
    [TestCase("Momentum", "-0.1")]
    [TestCase("Epsilon", "0")]
    public void Create_InvalidOption_NamesTheKey(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<ILayer>("batch_norm", new Dictionary<string, string?> { [key] = value }))!;
        Assert.That(error.Key, Is.EqualTo($"Test:{key}"));
    }

    [Test]
    public void Build_Defaults_NamedStateWithPyTorchInitialValues()
    {
        ILayer layer = Plugin.Create<ILayer>("batch_norm");
        Assert.That(layer.HasParameters, Is.True);
        Assert.That(layer.Build(new TensorShape(3, 4, 5), Plugin.Context(2)), Is.EqualTo(new TensorShape(3, 4, 5)));
        Assert.That(layer.Parameters.Select(p => (p.Name, p.Regularize, p.Shape)),
            Is.EqualTo(new[] { ("weight", false, new TensorShape(3)), ("bias", false, new TensorShape(3)) }));
        Assert.That(layer.Parameters[0].Value.ReadOnlySpan.ToArray(), Is.All.EqualTo(1f));
        Assert.That(layer.Parameters[1].Value.ReadOnlySpan.ToArray(), Is.All.EqualTo(0f));
        Assert.That(layer.Buffers.Select(b => (b.Name, b.Shape)),
            Is.EqualTo(new[] { ("running_mean", new TensorShape(3)), ("running_var", new TensorShape(3)) }));
        Assert.That(layer.Buffers[0].Value.ReadOnlySpan.ToArray(), Is.All.EqualTo(0f));
        Assert.That(layer.Buffers[1].Value.ReadOnlySpan.ToArray(), Is.All.EqualTo(1f));
    }

    [Test]
    public void Build_NotAffine_NoParametersButBuffers()
    {
        ILayer layer = Plugin.Create<ILayer>("batch_norm", new Dictionary<string, string?> { ["Affine"] = "false" });
        Assert.That(layer.HasParameters, Is.False);
        layer.Build(new TensorShape(4), Plugin.Context(2));
        Assert.That(layer.Parameters, Is.Empty);
        Assert.That(layer.Buffers.Select(b => b.Name), Is.EqualTo(new[] { "running_mean", "running_var" }));
    }

    [TestCase(new[] { 3, 4 })]
    [TestCase(new[] { 2, 3, 4, 5 })]
    public void Build_OtherRank_ThrowsNamingTheShape(int[] dims)
    {
        var shape = new TensorShape(dims);
        var error = Assert.Throws<ConfigurationException>(() =>
            Plugin.Create<ILayer>("batch_norm").Build(shape, Plugin.Context(2, path: "Experiment:Model:Layers:4")))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:4"));
        Assert.That(error.Message, Does.Contain(shape.ToString()).And.Contain("[features]").And.Contain("[channels, height, width]"));
    }

    [Test]
    public void Forward_TrainingOneValuePerChannel_ThrowsNamingTheShape()
    {
        BatchNorm layer = Built(new TensorShape(4), 3);
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(1, 4), ForwardContext.Train(1, 1)))!;
        Assert.That(error.Message, Does.Contain("[1, 4]").And.Contain("more than one value"));
        Assert.DoesNotThrow(() => layer.Forward(new Tensor(1, 4), ForwardContext.Evaluation));
    }

    [TestCase("1d")]
    [TestCase("2d")]
    public void ForwardBackward_Training_MatchesPyTorch(string name)
    {
        JsonNode reference = Case(name);
        TensorShape shape = ShapeOf(reference);
        BatchNorm layer = Built(shape, 5);
        References.Floats(reference["weight"]).CopyTo(layer.Parameters[0].Value.Span);
        References.Floats(reference["bias"]).CopyTo(layer.Parameters[1].Value.Span);

        Tensor output = layer.Forward(Input(reference["input"], shape), ForwardContext.Train(1, 1));
        Expect.Close(output.ReadOnlySpan, References.Floats(reference["output"]), "output", relative: 1e-5, absolute: 1e-5);
        Tensor inputGradient = layer.Backward(Input(reference["output_gradient"], shape), needInputGradient: true)!;
        Assert.That(inputGradient.SampleShape, Is.EqualTo(shape));
        Expect.Close(inputGradient.ReadOnlySpan, References.Floats(reference["input_gradient"]), "input gradient", relative: 1e-4, absolute: 1e-5);
        Expect.Close(layer.Parameters[0].Gradient.ReadOnlySpan, References.Floats(reference["weight_gradient"]), "weight gradient", relative: 1e-5, absolute: 1e-5);
        Expect.Close(layer.Parameters[1].Gradient.ReadOnlySpan, References.Floats(reference["bias_gradient"]), "bias gradient", relative: 1e-5, absolute: 1e-5);
    }

    [TestCase("1d")]
    [TestCase("2d")]
    public void ForwardBackward_NotAffine_MatchesPyTorch(string name)
    {
        JsonNode reference = Case(name);
        TensorShape shape = ShapeOf(reference);
        BatchNorm layer = Built(shape, 5, affine: false);
        Tensor output = layer.Forward(Input(reference["input"], shape), ForwardContext.Train(1, 1));
        Expect.Close(output.ReadOnlySpan, References.Floats(reference["output_no_affine"]), "output", relative: 1e-5, absolute: 1e-5);
        Tensor inputGradient = layer.Backward(Input(reference["output_gradient"], shape), needInputGradient: true)!;
        Expect.Close(inputGradient.ReadOnlySpan, References.Floats(reference["input_gradient_no_affine"]), "input gradient", relative: 1e-4, absolute: 1e-5);
    }

    [TestCase("1d", 0)]
    [TestCase("1d", 1)]
    [TestCase("2d", 0)]
    [TestCase("2d", 1)]
    public void RunningStatistics_TwoStepsThenEvaluation_MatchPyTorch(string name, int run)
    {
        JsonNode reference = Case(name);
        JsonNode expected = reference["runs"]![run]!;
        TensorShape shape = ShapeOf(reference);
        ILayer layer = Plugin.Create<ILayer>("batch_norm", References.Options(expected["options"]));
        layer.Build(shape, Plugin.Context(5));
        References.Floats(reference["weight"]).CopyTo(layer.Parameters[0].Value.Span);
        References.Floats(reference["bias"]).CopyTo(layer.Parameters[1].Value.Span);

        layer.Forward(Input(reference["input"], shape), ForwardContext.Train(1, 1));
        layer.Forward(Input(reference["second_input"], shape), ForwardContext.Train(1, 2));
        Expect.Close(layer.Buffers[0].Value.ReadOnlySpan, References.Floats(expected["running_mean"]), "running_mean", relative: 1e-5, absolute: 1e-6);
        Expect.Close(layer.Buffers[1].Value.ReadOnlySpan, References.Floats(expected["running_var"]), "running_var", relative: 1e-5, absolute: 1e-6);

        float[] runningMean = layer.Buffers[0].Value.ReadOnlySpan.ToArray(), runningVar = layer.Buffers[1].Value.ReadOnlySpan.ToArray();
        Tensor output = layer.Forward(Input(reference["eval_input"], shape), ForwardContext.Evaluation);
        Expect.Close(output.ReadOnlySpan, References.Floats(expected["eval_output"]), "evaluation output", relative: 1e-5, absolute: 1e-5);
        Assert.That(layer.Buffers[0].Value.ReadOnlySpan.ToArray(), Is.EqualTo(runningMean), "evaluation leaves running_mean alone");
        Assert.That(layer.Buffers[1].Value.ReadOnlySpan.ToArray(), Is.EqualTo(runningVar), "evaluation leaves running_var alone");
    }

    [TestCase(new[] { 4 }, 5)]
    [TestCase(new[] { 2, 3, 2 }, 3)]
    [TestCase(new[] { 2, 5, 4 }, 3)] // planes of 20 values: the kernels' SIMD path
    public void Backward_Training_MatchesFiniteDifferences(int[] dims, int batch)
    {
        var shape = new TensorShape(dims);
        BatchNorm layer = Built(shape, batch);
        var random = new Random(3);
        foreach (Parameter p in layer.Parameters)
            for (int i = 0; i < p.Length; i++) p.Value.Span[i] = (float)(0.5 + random.NextDouble());
        // Channels with different means and spreads; the normalised output is O(1), so ε = 1e-2 stays small.
        Tensor input = Plugin.Uniform(batch, shape, seed: 4, -2f, 3f);
        GradientCheck.AssertLayer(layer, input, ForwardContext.Train(1, 1));
    }

    [Test]
    public void Backward_TrainingNotAffine_MatchesFiniteDifferences()
    {
        BatchNorm layer = Built(new TensorShape(2, 2, 3), 4, affine: false);
        GradientCheck.AssertLayer(layer, Plugin.Uniform(4, new TensorShape(2, 2, 3), seed: 5, -2f, 2f));
    }

    [Test]
    public void Backward_Evaluation_MatchesFiniteDifferences()
    {
        var shape = new TensorShape(3, 2, 2);
        BatchNorm layer = Built(shape, 4);
        layer.Forward(Plugin.Uniform(4, shape, seed: 6, -1f, 4f), ForwardContext.Train(1, 1)); // running statistics ≠ (0, 1)
        layer.Parameters[0].Value.Span.Fill(1.5f);
        layer.Parameters[1].Value.Span.Fill(-0.5f);
        GradientCheck.AssertLayer(layer, Plugin.Uniform(4, shape, seed: 7, -2f, 2f), ForwardContext.Evaluation);
    }

    [TestCase(3)]
    [TestCase(6)] // planes of 36 values: the kernels' SIMD path
    public void Forward_Training_NormalisesEachChannelToZeroMeanUnitVariance(int side)
    {
        var shape = new TensorShape(2, side, side);
        int plane = side * side;
        BatchNorm layer = Built(shape, 4);
        Tensor output = layer.Forward(Plugin.Uniform(4, shape, seed: 8, 5f, 9f), ForwardContext.Train(1, 1));
        for (int c = 0; c < 2; c++)
        {
            var values = new List<double>();
            for (int b = 0; b < 4; b++)
                for (int s = 0; s < plane; s++) values.Add(output[b, c * plane + s]);
            double mean = values.Average(), variance = values.Average(v => (v - mean) * (v - mean));
            Assert.That(mean, Is.EqualTo(0).Within(1e-5), $"channel {c} mean");
            Assert.That(variance, Is.EqualTo(1).Within(1e-3), $"channel {c} variance (ε = 1e-5 on a variance ≈ 1.3)");
        }
    }

    [Test]
    public void Forward_Training_LargeMeanSmallSpread_KeepsTheVarianceAccurate()
    {
        // Values 1000 + [0, 1): a naive E[x²] − E[x]² in float would lose the variance (1/12) entirely.
        var shape = new TensorShape(1, 6, 6);
        BatchNorm layer = Built(shape, 8);
        Tensor input = Plugin.Uniform(8, shape, seed: 9, 1000f, 1001f);
        double mean = input.ReadOnlySpan.ToArray().Average(v => (double)v);
        double variance = input.ReadOnlySpan.ToArray().Average(v => (v - mean) * (v - mean));
        Tensor output = layer.Forward(input, ForwardContext.Train(1, 1));
        for (int i = 0; i < input.Length; i += 7)
            Assert.That(output.Buffer[i], Is.EqualTo((input.Buffer[i] - mean) / Math.Sqrt(variance + 1e-5)).Within(2e-3), $"element {i}");
    }

    [TestCase(new[] { 8, 40, 40 }, 8)] // [C, H, W]: 102 400 values
    [TestCase(new[] { 2048 }, 64)]     // [F]: 131 072 values
    public void ForwardBackward_OneOrTwoThreads_BitwiseIdentical(int[] dims, int batch)
    {
        var shape = new TensorShape(dims);
        Assert.That((long)batch * shape.Size, Is.GreaterThanOrEqualTo(2 * NormalizationKernels.MinimumPerPart), "large enough to split");
        Tensor input = Plugin.Uniform(batch, shape, seed: 9, -3f, 5f);
        Tensor outputGradient = Plugin.Uniform(batch, shape, seed: 10, -1f, 1f);

        float[][] Run(int threads)
        {
            int saved = KernelSettings.MaxThreads;
            KernelSettings.MaxThreads = threads;
            try
            {
                BatchNorm layer = Built(shape, batch);
                float[] output = layer.Forward(input, ForwardContext.Train(1, 1)).ReadOnlySpan.ToArray();
                float[] inputGradient = layer.Backward(outputGradient, needInputGradient: true)!.ReadOnlySpan.ToArray();
                float[] evaluation = layer.Forward(input, ForwardContext.Evaluation).ReadOnlySpan.ToArray();
                return [output, inputGradient, evaluation, .. layer.Parameters.Select(p => p.Gradient.ReadOnlySpan.ToArray()),
                    .. layer.Buffers.Select(b => b.Value.ReadOnlySpan.ToArray())];
            }
            finally
            {
                KernelSettings.MaxThreads = saved;
            }
        }

        float[][] one = Run(1), two = Run(2);
        string[] names = ["output", "input gradient", "evaluation output", "weight gradient", "bias gradient", "running_mean", "running_var"];
        for (int i = 0; i < names.Length; i++)
            Assert.That(two[i], Is.EqualTo(one[i]), $"{names[i]}: 2 threads differ from 1");
    }

    [Test]
    public void Forward_SmallerBatch_ReusesTheOutputAndMatchesTheBatchStatistics()
    {
        var shape = new TensorShape(3);
        BatchNorm layer = Built(shape, 6);
        Tensor full = layer.Forward(Plugin.Uniform(6, shape, seed: 11, -1f, 1f), ForwardContext.Train(1, 1));
        var small = new Tensor([1f, 2f, 3f, 3f, 2f, 1f], 2, shape);
        Tensor output = layer.Forward(small, ForwardContext.Train(1, 2));
        Assert.That(output, Is.SameAs(full));
        Assert.That(output.BatchSize, Is.EqualTo(2));
        // Each feature holds two values a < b: normalised to ∓1 (up to ε).
        Expect.Close(output.ReadOnlySpan, [-1f, 0f, 1f, 1f, 0f, -1f], "two-sample batch", relative: 1e-4, absolute: 1e-5);
        Assert.That(layer.Backward(new Tensor(2, 3), needInputGradient: true)!.BatchSize, Is.EqualTo(2));
    }

    [Test]
    public void Forward_WrongInputShape_ThrowsNamingShapes()
    {
        BatchNorm layer = Built(new TensorShape(3, 2, 2), 2);
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(2, new TensorShape(2, 2, 3)), ForwardContext.Train(1, 1)))!;
        Assert.That(error.Message, Does.Contain("[3, 2, 2]").And.Contain("[2, 2, 2, 3]"));
    }
}
