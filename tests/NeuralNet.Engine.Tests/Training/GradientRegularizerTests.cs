using Microsoft.Extensions.Configuration;
using NeuralNet.Data;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Training;

/// <summary>
/// Training:L1, L2, ClipValue, ClipNorm and per-layer L1/L2: the gradient each adds is the derivative of the penalty
/// it adds to the loss (Keras' convention, L2·Σw² → 2·L2·w), biases are exempt, a layer's own value wins, clipping
/// clamps then rescales; and Shuffle=false keeps the sample order.
/// </summary>
public sealed class GradientRegularizerTests
{
    private static readonly ComponentRegistry Registry = TestPaths.BuiltInRegistry();

    /// <summary>dense(4 → 3) → relu → dense(3 → 2), weights from seed 1; extra keys per layer, e.g. ("0:L2", "0.5").</summary>
    private static SequentialModel Model(params (string Key, string Value)[] extra)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("L:0:Type", "dense"), new("L:0:Units", "3"), new("L:0:Activation", "relu"), new("L:1:Type", "dense"),
        };
        pairs.AddRange(extra.Select(e => new KeyValuePair<string, string?>("L:" + e.Key, e.Value)));
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(pairs).Build().GetSection("L");
        var builder = new ModelBuilder(Registry);
        return builder.Build(builder.Read(section), new TensorShape(4), 2, 4, new Random(1));
    }

    private static void ZeroGradients(SequentialModel model)
    {
        foreach (Parameter p in model.Parameters) p.Gradient.Span.Clear();
    }

    /// <summary>With zero loss gradients, what Apply adds must be d(penalty)/dw, element by element (central differences in double).</summary>
    private static void AssertGradientIsPenaltyDerivative(SequentialModel model, TrainingSettings settings)
    {
        var regularizer = new GradientRegularizer(model, settings);
        ZeroGradients(model);
        regularizer.Apply();
        foreach (Parameter p in model.Parameters)
        {
            float[] analytical = p.Gradient.ReadOnlySpan.ToArray();
            Span<float> w = p.Value.Span;
            for (int i = 0; i < w.Length; i++)
            {
                float saved = w[i];
                w[i] = saved + 1e-2f;
                ZeroGradients(model);
                double plus = regularizer.Apply();
                w[i] = saved - 1e-2f;
                ZeroGradients(model);
                double minus = regularizer.Apply();
                w[i] = saved;
                double numerical = (plus - minus) / 2e-2;
                Assert.That(analytical[i], Is.EqualTo(numerical).Within(1e-3 + 1e-2 * Math.Abs(numerical)), $"{p.Name}[{i}]");
            }
        }
    }

    [Test]
    public void L2_AddsTwiceL2W_TheDerivativeOfL2SumOfSquares()
    {
        SequentialModel model = Model();
        var regularizer = new GradientRegularizer(model, new TrainingSettings { L2 = 0.1f });
        ZeroGradients(model);
        float penalty = regularizer.Apply();
        Parameter kernel = model.Layers[0].Parameters[0];
        Assert.That(kernel.Gradient.ReadOnlySpan.ToArray(), Is.EqualTo(kernel.Value.ReadOnlySpan.ToArray().Select(w => 2 * 0.1f * w)).Within(1e-7f));
        double expected = model.Parameters.Where(p => p.Regularize).Sum(p => p.Value.ReadOnlySpan.ToArray().Sum(w => 0.1 * w * w));
        Assert.That(penalty, Is.EqualTo(expected).Within(1e-6));
        AssertGradientIsPenaltyDerivative(model, new TrainingSettings { L2 = 0.1f });
    }

    [Test]
    public void L1_AddsL1SignW_TheDerivativeOfL1SumOfMagnitudes()
    {
        SequentialModel model = Model();
        var regularizer = new GradientRegularizer(model, new TrainingSettings { L1 = 0.05f });
        ZeroGradients(model);
        float penalty = regularizer.Apply();
        Parameter kernel = model.Layers[2].Parameters[0];
        Assert.That(kernel.Gradient.ReadOnlySpan.ToArray(), Is.EqualTo(kernel.Value.ReadOnlySpan.ToArray().Select(w => 0.05f * MathF.Sign(w))));
        double expected = model.Parameters.Where(p => p.Regularize).Sum(p => p.Value.ReadOnlySpan.ToArray().Sum(w => 0.05 * Math.Abs(w)));
        Assert.That(penalty, Is.EqualTo(expected).Within(1e-6));
        AssertGradientIsPenaltyDerivative(model, new TrainingSettings { L1 = 0.05f, L2 = 0.02f });
    }

    [Test]
    public void Penalties_LeaveBiasesAlone()
    {
        SequentialModel model = Model(("0:L1", "0.3"));
        var regularizer = new GradientRegularizer(model, new TrainingSettings { L1 = 0.1f, L2 = 0.1f });
        model.Layers[0].Parameters[1].Value.Span.Fill(2f); // a bias far from 0
        ZeroGradients(model);
        regularizer.Apply();
        foreach (Parameter bias in model.Parameters.Where(p => !p.Regularize))
            Assert.That(bias.Gradient.ReadOnlySpan.ToArray(), Is.All.EqualTo(0f), bias.Name);
    }

    [Test]
    public void LayerPenalty_OverridesTheGlobalOne_AndZeroExemptsTheLayer()
    {
        SequentialModel model = Model(("0:L2", "0.5"), ("1:L2", "0"));
        Assert.That(model.Penalties[0], Is.EqualTo(new LayerPenalty(null, 0.5f)));
        var regularizer = new GradientRegularizer(model, new TrainingSettings { L2 = 0.1f });
        ZeroGradients(model);
        regularizer.Apply();
        Parameter first = model.Layers[0].Parameters[0], last = model.Layers[2].Parameters[0];
        Assert.That(first.Gradient.ReadOnlySpan.ToArray(), Is.EqualTo(first.Value.ReadOnlySpan.ToArray().Select(w => 2 * 0.5f * w)).Within(1e-7f));
        Assert.That(last.Gradient.ReadOnlySpan.ToArray(), Is.All.EqualTo(0f), "\"L2\": 0 on the layer exempts it from the global L2");
        AssertGradientIsPenaltyDerivative(model, new TrainingSettings { L2 = 0.1f, L1 = 0.01f });
    }

    [Test]
    public void LayerPenalty_NotANumberOrNegative_NamesBothKeys()
    {
        var error = Assert.Throws<ConfigurationException>(() => Model(("0:L1", "lots"), ("0:L2", "-1")))!;
        Assert.That(error.Key, Is.EqualTo("L:0:L1"));
        Assert.That(error.Message, Does.Contain("L:0:L2").And.Contain("'-1'").And.Contain("'lots'"));
    }

    [Test]
    public void ClipValue_ClampsEveryElement_ThenClipNormRescales()
    {
        SequentialModel model = Model();
        Parameter kernel = model.Layers[0].Parameters[0];
        foreach (Parameter p in model.Parameters) p.Gradient.Span.Fill(0.1f);
        kernel.Gradient.Span[0] = 5f;
        kernel.Gradient.Span[1] = -7f;
        new GradientRegularizer(model, new TrainingSettings { ClipValue = 0.5f }).Apply();
        Assert.That(kernel.Gradient.ReadOnlySpan[0], Is.EqualTo(0.5f));
        Assert.That(kernel.Gradient.ReadOnlySpan[1], Is.EqualTo(-0.5f));
        Assert.That(kernel.Gradient.ReadOnlySpan[2], Is.EqualTo(0.1f));

        kernel.Gradient.Span[0] = 5f;
        new GradientRegularizer(model, new TrainingSettings { ClipValue = 0.5f, ClipNorm = 0.2f }).Apply();
        double norm = Math.Sqrt(model.Parameters.Sum(p => p.Gradient.ReadOnlySpan.ToArray().Sum(g => (double)g * g)));
        Assert.That(norm, Is.EqualTo(0.2).Within(1e-6));
        Assert.That(kernel.Gradient.ReadOnlySpan[0] / kernel.Gradient.ReadOnlySpan[2], Is.EqualTo(5f).Within(1e-5f), "clamped to 0.5 first, then scaled with the rest");
    }

    [Test]
    public void ClipNorm_BelowTheNorm_ScalesAllGradientsTogether_AboveLeavesThem()
    {
        SequentialModel model = Model();
        foreach (Parameter p in model.Parameters) p.Gradient.Span.Fill(1f);
        int count = model.Parameters.Sum(p => p.Length);
        new GradientRegularizer(model, new TrainingSettings { ClipNorm = 100f }).Apply();
        Assert.That(model.Parameters.SelectMany(p => p.Gradient.ReadOnlySpan.ToArray()), Is.All.EqualTo(1f));
        new GradientRegularizer(model, new TrainingSettings { ClipNorm = 1f }).Apply();
        Assert.That(model.Parameters.SelectMany(p => p.Gradient.ReadOnlySpan.ToArray()), Is.All.EqualTo(1f / MathF.Sqrt(count)).Within(1e-6f));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void TrainingLoop_Shuffle_ReordersTheSamplesOnlyWhenOn(bool shuffle)
    {
        var x = new Tensor(20, 4);
        var y = new Tensor(20, 2);
        for (int i = 0; i < 20; i++) { x[i, i % 4] = 1f + i; y[i, i % 2] = 1f; }
        var samples = new TensorSampleSet(x, y);
        int[] order = Enumerable.Range(0, 20).ToArray();
        var normalizer = new FeatureNormalizer(NormalizationKind.None, new float[4], [1f, 1f, 1f, 1f]);
        var settings = new TrainingSettings { Shuffle = shuffle, BatchSize = 4, Epochs = 1 };
        (SequentialModel Model, Trainer Trainer, IOptimizer Optimizer) Make()
        {
            SequentialModel model = Model();
            IOptimizer optimizer = Registry.Create<IOptimizer>("sgd", null, "Test").Component;
            return (model, new Trainer(model, Registry.Create<ILoss>("mse", null, "Test").Component, optimizer, [], settings, normalizer), optimizer);
        }

        // The samples in their natural order, straight through the trainer.
        var natural = Make();
        natural.Trainer.TrainEpoch(samples, (int[])order.Clone(), 1, 0, null, CancellationToken.None);
        // The same epoch through the training loop, which orders the samples as Shuffle says.
        var looped = Make();
        new TrainingLoop(looped.Trainer, looped.Model, looped.Optimizer, [], settings, "test", epoch => new Random(3), null,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, new NeuralNet.Training.TrainingPlan("", 1, false, new Dictionary<string, bool> { ["loss"] = false }))
            .Run(samples, order, [], null, CancellationToken.None);
        natural.Trainer.Dispose();
        looped.Trainer.Dispose();

        float[] a = natural.Model.Parameters.SelectMany(p => p.Value.ReadOnlySpan.ToArray()).ToArray();
        float[] b = looped.Model.Parameters.SelectMany(p => p.Value.ReadOnlySpan.ToArray()).ToArray();
        Assert.That(order, Is.EqualTo(Enumerable.Range(0, 20)), "The loop must not reorder the caller's split.");
        if (shuffle) Assert.That(b, Is.Not.EqualTo(a), "Shuffled training gave the natural order's weights.");
        else Assert.That(b, Is.EqualTo(a));
    }
}
