using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Engine.Training;
using NeuralNet.Losses;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Training;

/// <summary>The user-facing gradient check: small errors for a correct smooth model, large ones for a wrong gradient.</summary>
public sealed class ModelGradientCheckTests
{
    private static readonly ComponentRegistry Registry = TestPaths.BuiltInRegistry();

    private static SequentialModel Model()
    {
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["L:0:Type"] = "dense", ["L:0:Units"] = "6", ["L:0:Activation"] = "tanh",
            ["L:1:Type"] = "dense", ["L:1:Activation"] = "softmax",
        }).Build().GetSection("L");
        var builder = new ModelBuilder(Registry);
        return builder.Build(builder.Read(section), new TensorShape(3), 3, 4, new Random(2));
    }

    private static (Tensor X, Tensor Y) Batch()
    {
        var random = new Random(5);
        var x = new Tensor(4, 3);
        for (int i = 0; i < x.Length; i++) x.Buffer[i] = (float)(random.NextDouble() * 2 - 1);
        var y = new Tensor(4, 3);
        for (int i = 0; i < 4; i++) y[i, i % 3] = 1f;
        return (x, y);
    }

    /// <summary>Mean squared error whose gradient is twice what it should be.</summary>
    private sealed class WrongGradientLoss(ILoss inner) : ILoss
    {
        public float Forward(Tensor predictions, Tensor targets) => inner.Forward(predictions, targets);

        public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
        {
            inner.Backward(predictions, targets, gradient);
            for (int i = 0; i < gradient.Length; i++) gradient.Buffer[i] *= 2;
        }
    }

    [Test]
    public void CorrectModel_EveryParameterAgrees()
    {
        var (x, y) = Batch();
        ILoss loss = Registry.Create<ILoss>("categorical_crossentropy", null, "Test").Component;
        IReadOnlyList<ModelGradientCheck.Result> results = ModelGradientCheck.Check(Model(), loss, x, y);

        Assert.That(results.Select(r => $"{r.Layer}.{r.Parameter}"), Is.EqualTo(new[] { "0.kernel", "0.bias", "2.kernel", "2.bias" }));
        Assert.That(results.Select(r => r.LayerName), Is.EqualTo(new[] { "dense", "dense", "dense", "dense" }));
        Assert.That(results.Select(r => r.Checked), Is.EqualTo(new[] { 10, 6, 10, 3 }));
        foreach (ModelGradientCheck.Result r in results)
            Assert.That(r.WorstRelativeError, Is.LessThan(1e-2), $"{r.Layer}.{r.Parameter}: analytic {r.Analytic}, numerical {r.Numerical}");
    }

    [Test]
    public void WrongGradient_ShowsInEveryLayer()
    {
        var (x, y) = Batch();
        var loss = new WrongGradientLoss(Registry.Create<ILoss>("mse", null, "Test").Component);
        foreach (ModelGradientCheck.Result r in ModelGradientCheck.Check(Model(), loss, x, y))
            Assert.That(r.WorstRelativeError, Is.EqualTo(0.5).Within(0.05), $"{r.Layer}.{r.Parameter}: twice the gradient is 50% off");
    }

    [Test]
    public void Check_RestoresTheParameters()
    {
        SequentialModel model = Model();
        float[][] before = model.Parameters.Select(p => p.Value.ReadOnlySpan.ToArray()).ToArray();
        var (x, y) = Batch();
        ModelGradientCheck.Check(model, Registry.Create<ILoss>("mse", null, "Test").Component, x, y);
        Assert.That(model.Parameters.Select(p => p.Value.ReadOnlySpan.ToArray()), Is.EqualTo(before));
    }
}
