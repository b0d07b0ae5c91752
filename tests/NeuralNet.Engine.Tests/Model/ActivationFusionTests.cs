using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Model;

/// <summary>
/// An element-wise activation after a layer that can fuse it (dense, batch_norm) is applied by that layer, and a
/// pooling layer after batch norm (and its activation) pools each plane batch norm produces: the model skips them,
/// and outputs and every gradient are bitwise those of running each as a layer of its own. The last layer is never
/// fused (a loss may absorb it).
/// </summary>
public sealed class ActivationFusionTests
{
    private static readonly ComponentRegistry Registry = TestPaths.BuiltInRegistry();
    private const int Batch = 5;

    private static SequentialModel Build(TensorShape input, bool fuse, params string[] layers)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        for (int i = 0; i < layers.Length; i++)
            foreach (string option in layers[i].Split(' '))
            {
                string[] kv = option.Split('=');
                pairs.Add(new($"L:{i}:{kv[0]}", kv[1]));
            }
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(pairs).Build().GetSection("L");
        var builder = new ModelBuilder(Registry);
        return builder.Build(builder.Read(section), input, 3, Batch, new Random(7), training: true, fuseActivations: fuse);
    }

    private static readonly string[] Dense = ["Type=dense Units=6", "Type=relu", "Type=dense Units=5", "Type=tanh", "Type=dense Units=4", "Type=sigmoid", "Type=dense", "Type=relu"];

    private static readonly string[] Cnn =
    [
        "Type=conv2d Filters=3 KernelSize=3 Padding=same", "Type=batch_norm", "Type=relu", "Type=max_pool2d PoolSize=2",
        "Type=flatten", "Type=dense Units=8", "Type=batch_norm", "Type=sigmoid", "Type=dense", "Type=softmax",
    ];

    [Test]
    public void DenseStack_FusesEveryActivationButTheLast()
    {
        SequentialModel model = Build(new TensorShape(7), fuse: true, Dense);
        Assert.That(model.Fused, Is.EqualTo(new[] { false, true, false, true, false, true, false, false }));
        Assert.That(model.Specs.Select(s => s.Name), Is.EqualTo(new[] { "dense", "relu", "dense", "tanh", "dense", "sigmoid", "dense", "relu" }));
        Assert.That(Build(new TensorShape(7), fuse: false, Dense).Fused, Has.None.True);
    }

    // Batch norm first (no input gradient), without an activation, before an average pool; then a max pool after
    // batch norm and tanh with overlapping windows and padding.
    private static readonly string[] Pools =
    [
        "Type=batch_norm", "Type=avg_pool2d PoolSize=2", "Type=conv2d Filters=3 KernelSize=3 Padding=same", "Type=batch_norm", "Type=tanh",
        "Type=max_pool2d PoolSize=3 Stride=1 Padding=1", "Type=flatten", "Type=dense", "Type=softmax",
    ];

    [Test]
    public void ConvNet_FusesTheActivationsAndThePoolingAfterBatchNorm_NotAtTheEnd()
    {
        SequentialModel model = Build(new TensorShape(2, 8, 8), fuse: true, Cnn);
        Assert.That(model.Fused, Is.EqualTo(new[] { false, false, true, true, false, false, false, true, false, false }));
        Assert.That(model.OutputShapes[3], Is.EqualTo(new TensorShape(3, 4, 4)));
        Assert.That(Build(new TensorShape(2, 8, 8), fuse: true, Pools).Fused,
            Is.EqualTo(new[] { false, true, false, false, true, true, false, false, false }));
    }

    [Test]
    public void BatchNormOnPlanesShorterThanTheFusedKernelsTake_LeavesThePoolingALayer()
    {
        // 3x3 planes: 9 values, fewer than NormalizationKernels.PlaneMinimum (16).
        SequentialModel model = Build(new TensorShape(2, 3, 3), fuse: true, "Type=batch_norm", "Type=relu", "Type=max_pool2d PoolSize=2 Stride=1",
            "Type=flatten", "Type=dense");
        Assert.That(model.Fused, Is.EqualTo(new[] { false, true, false, false, false }));
    }

    [TestCase("dense")]
    [TestCase("cnn")]
    [TestCase("pools")]
    [TestCase("large planes")]
    public void FusedAndUnfusedModels_GiveBitwiseTheSameOutputsAndGradients(string kind)
    {
        (TensorShape input, string[] layers) = kind switch
        {
            "dense" => (new TensorShape(7), Dense),
            "cnn" => (new TensorShape(2, 8, 8), Cnn),
            "pools" => (new TensorShape(2, 8, 8), Pools),
            // 66x66 planes: more than a run of rebuilt planes holds, so batch norm hands them to the pool one at a time.
            _ => (new TensorShape(1, 66, 66), Cnn),
        };
        SequentialModel fused = Build(input, fuse: true, layers), plain = Build(input, fuse: false, layers);
        Assert.That(fused.Fused, Has.Some.True);
        var random = new Random(3);
        var x = new Tensor(Batch, input);
        for (int i = 0; i < x.Length; i++) x.Span[i] = (float)(random.NextDouble() * 4 - 2);
        float[] g = Enumerable.Range(0, Batch * 3).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

        foreach (ForwardContext context in new[] { ForwardContext.Train(1, 1), ForwardContext.Evaluation, ForwardContext.Train(1, 2) })
        {
            float[] a = fused.Forward(x, context).ReadOnlySpan.ToArray();
            float[] b = plain.Forward(x, context).ReadOnlySpan.ToArray();
            Assert.That(a, Is.EqualTo(b), $"outputs ({(context.Training ? "training" : "evaluation")})");
        }

        fused.Backward(Gradient(g, fused.OutputShape));
        plain.Backward(Gradient(g, plain.OutputShape));
        AssertSameGradients(fused, plain, "after a training forward pass");

        // Backward after an evaluation forward pass: batch norm's statistics are constants then.
        fused.Forward(x, ForwardContext.Evaluation);
        plain.Forward(x, ForwardContext.Evaluation);
        fused.Backward(Gradient(g, fused.OutputShape));
        plain.Backward(Gradient(g, plain.OutputShape));
        AssertSameGradients(fused, plain, "after an evaluation forward pass");
    }

    private static void AssertSameGradients(SequentialModel fused, SequentialModel plain, string when)
    {
        for (int p = 0; p < fused.Parameters.Count; p++)
            Assert.That(fused.Parameters[p].Gradient.ReadOnlySpan.ToArray(), Is.EqualTo(plain.Parameters[p].Gradient.ReadOnlySpan.ToArray()),
                $"gradient of parameter {p} ({fused.State[p].Name}) {when}");
        Assert.That(fused.Parameters.Sum(p => p.Gradient.ReadOnlySpan.ToArray().Count(v => v != 0)), Is.GreaterThan(0), when);
    }

    private static Tensor Gradient(float[] values, TensorShape shape)
    {
        var t = new Tensor(Batch, shape);
        values.CopyTo(t.Span);
        return t;
    }
}
