using System.Globalization;
using System.Reflection;
using NeuralNet.Activations;
using NeuralNet.Layers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Tests.Layers;

/// <summary>
/// Contracts every layer of the plugin keeps: a gradient-check test for each registered layer, inference builds that
/// allocate no gradients yet run in evaluation, and no allocation per forward + backward after warm-up.
/// </summary>
public class LayerContractTests
{
    /// <summary>Each layer with options and an input sample shape it takes.</summary>
    private static IEnumerable<TestCaseData> Layers()
    {
        yield return Case("dense", [20], ("Units", "6"));
        yield return Case("flatten", [3, 4, 5]);
        yield return Case("reshape", [60], ("Shape:0", "3"), ("Shape:1", "-1"), ("Shape:2", "5"));
        yield return Case("dropout", [3, 4, 5], ("Rate", "0.3"));
        yield return Case("batch_norm", [12]);
        yield return Case("batch_norm", [8, 16, 16]); // large enough for the kernels to use two threads
        yield return Case("batch_norm", [3, 4, 5], ("Affine", "false"), ("Momentum", "0.2"));
        yield return Case("conv2d", [3, 7, 6], ("Filters", "4"), ("Padding", "same"));
        yield return Case("conv2d", [3, 7, 6], ("Filters", "2"), ("KernelSize", "2"), ("Stride", "2"), ("Bias", "untied"));
        yield return Case("conv2d", [2, 9, 8], ("Filters", "3"), ("Dilation", "2"), ("Padding", "1"), ("Bias", "none"));
        yield return Case("max_pool2d", [3, 7, 6]);
        yield return Case("max_pool2d", [16, 28, 28]); // the 2x2 fast path, planes split over two threads
        yield return Case("avg_pool2d", [3, 7, 6], ("PoolSize", "3"), ("Stride", "2"), ("Padding", "1"));
        yield return Case("global_avg_pool2d", [3, 7, 6]);
        yield return Case("prelu", [12]);
        yield return Case("prelu", [3, 7, 6], ("NumParameters", "3"));
    }

    private static TestCaseData Case(string name, int[] shape, params (string Key, string Value)[] options)
        => new TestCaseData(name, shape, options.ToDictionary(o => o.Key, o => (string?)o.Value))
            .SetArgDisplayNames(name, "[" + string.Join(", ", shape) + "]", string.Join(" ", options.Select(o => $"{o.Key}={o.Value}")));

    [Test]
    public void EveryRegisteredLayer_HasAGradientCheckTest()
    {
        // Parameter-free activations (the Activation base) are checked in ActivationTests; prelu has a parameter, so it is here.
        Type[] registered = Plugin.ComponentTypes<ILayer>().Where(t => !typeof(Activation).IsAssignableFrom(t)).ToArray();
        Assert.That(registered, Is.Not.Empty);
        string[] missing = registered.Except(GradientCheckedLayers.Types).Select(t => $"{t.Name} ('{Plugin.NameOf(t)}')").ToArray();
        Assert.That(missing, Is.Empty,
            $"Layers registered without a gradient-check test: {string.Join(", ", missing)}. Add a test calling GradientCheck.AssertLayer and list the type in GradientCheckedLayers.");
    }

    [Test]
    public void EveryListedLayer_HasAFiniteDifferencesTest()
    {
        Type[] testClasses = typeof(LayerContractTests).Assembly.GetTypes();
        foreach (Type layer in GradientCheckedLayers.Types)
        {
            Type? tests = testClasses.SingleOrDefault(t => t.Name == layer.Name + "Tests");
            bool found = tests is not null && tests.GetMethods().Any(m =>
                m.Name.Contains("FiniteDifferences", StringComparison.Ordinal)
                && (m.GetCustomAttribute<TestAttribute>() is not null || m.GetCustomAttributes<TestCaseAttribute>().Any()));
            Assert.That(found, $"{layer.Name} is listed in GradientCheckedLayers but {layer.Name}Tests has no test named *FiniteDifferences*.");
        }
    }

    [TestCaseSource(nameof(Layers))]
    public void InferenceBuild_AllocatesNoGradients_AndRunsInEvaluation(string name, int[] dims, Dictionary<string, string?> options)
    {
        var shape = new TensorShape(dims);
        ILayer layer = Plugin.Create<ILayer>(name, options.Count == 0 ? null : options);
        LayerBuildContext context = Plugin.Context(4, outputSize: 3) with { Training = false };
        TensorShape outputShape = layer.Build(shape, context);

        Assert.That(layer.Parameters.Where(p => p.HasGradient).Select(p => p.Name), Is.Empty, "parameters with a gradient in an inference build");
        Tensor input = Plugin.Uniform(4, shape, seed: 1, -1f, 1f);
        Tensor output = layer.Forward(input, ForwardContext.Evaluation);
        Assert.That(output.SampleShape, Is.EqualTo(outputShape));
        Assert.That(output.BatchSize, Is.EqualTo(4));
        Assert.That(output.ReadOnlySpan.ToArray(), Has.All.Matches<float>(float.IsFinite));
        Assert.Throws<InvalidOperationException>(() => layer.Backward(new Tensor(4, outputShape), needInputGradient: true),
            "an inference build has no input-gradient buffer");
    }

    [TestCaseSource(nameof(Layers))]
    public void TrainingBuild_AllocatesGradients(string name, int[] dims, Dictionary<string, string?> options)
    {
        ILayer layer = Plugin.Create<ILayer>(name, options.Count == 0 ? null : options);
        layer.Build(new TensorShape(dims), Plugin.Context(4, outputSize: 3));
        Assert.That(layer.Parameters.All(p => p.HasGradient), $"{name}: a training build has every gradient");
        Assert.That(layer.Parameters.Concat<object>(layer.Buffers).Count(), Is.EqualTo(layer.Parameters.Select(p => p.Name).Concat(layer.Buffers.Select(b => b.Name)).Distinct().Count()),
            "parameter and buffer names are unique within the layer");
    }

    [TestCaseSource(nameof(Layers))]
    public void ForwardBackward_AfterWarmUp_AllocatesNothing(string name, int[] dims, Dictionary<string, string?> options)
    {
        const int Batch = 32;
        var shape = new TensorShape(dims);
        ILayer layer = Plugin.Create<ILayer>(name, options.Count == 0 ? null : options);
        TensorShape outputShape = layer.Build(shape, Plugin.Context(Batch, outputSize: 3));
        Tensor input = Plugin.Uniform(Batch, shape, seed: 2, -1f, 1f);
        Tensor outputGradient = Plugin.Uniform(Batch, outputShape, seed: 3, -1f, 1f);
        int step = 0;

        void Step(int batch)
        {
            input.SetBatchSize(batch);
            outputGradient.SetBatchSize(batch);
            step++;
            Tensor output = layer.Forward(input, ForwardContext.Train(1, step));
            if (output.BatchSize != batch) throw new InvalidOperationException($"output batch {output.BatchSize}, expected {batch}");
            layer.Backward(outputGradient, needInputGradient: true);
            layer.Backward(outputGradient, needInputGradient: false);
            layer.Forward(input, ForwardContext.Evaluation);
        }

        Step(Batch);
        Step(Batch - 12);
        // Windows of 10 steps, as in AllocationTests: a per-step allocation shows in every window, a one-time runtime
        // effect (tiered JIT) in one at most.
        var windows = new List<long>();
        for (int window = 0; window < 3 && (windows.Count == 0 || windows[^1] != 0); window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) Step(i % 3 == 2 ? Batch - 12 : Batch);
            windows.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.That(windows[^1], Is.Zero, string.Create(CultureInfo.InvariantCulture,
            $"Bytes allocated over windows of 10 forward+backward steps of {name}: {string.Join(", ", windows)}."));
    }
}
