using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>
/// A two-class classifier with one sigmoid output under binary cross-entropy: the model's output width comes from
/// the loss (1), it trains, reports accuracy, and saves a model of one output with both class names.
/// </summary>
[NonParallelizable]
public sealed class HostBinaryClassifierTests
{
    [Test]
    public void TwoClassSpiral_OneSigmoidOutput_TrainsAndPredicts()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, TimeSpan.FromMinutes(3),
            "--Experiment:Data:Classes=2", "--Experiment:Loss=binary_crossentropy",
            "--Experiment:Model:Layers:1:Activation=sigmoid", "--Experiment:Training:Epochs=30");

        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.All, Does.Contain("loss fused with final activation: True"), "sigmoid + binary cross-entropy is computed from the logits");
        JsonNode report = JsonNode.Parse(File.ReadAllText(root.Combine("runs", "spiral", "latest", "report.json")))!;
        Assert.That(report["data"]!["outputs"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(report["test"]!["accuracy"]!.GetValue<double>(), Is.GreaterThan(0.9), run.All);
        JsonNode model = JsonNode.Parse(File.ReadAllText(root.Combine("models", "spiral", "model.json")))!;
        Assert.That(model["class_names"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "c1", "c2" }));
        Assert.That(model["output_size"]!.GetValue<int>(), Is.EqualTo(1));

        // Reloaded, its one output is the probability of the second class: PredictedClass thresholds it at 0.5.
        var saved = new NeuralNet.Engine.Persistence.ModelStore(TestPaths.BuiltInRegistry()).Load(root.Combine("models", "spiral"), 16);
        var x = new NeuralNet.Tensors.Tensor(2, saved.Model.InputShape);
        Tensor p = saved.Model.Predict(x);
        Assert.That(p.SampleSize, Is.EqualTo(1));
        Assert.That(p.ReadOnlySpan.ToArray(), Has.All.InRange(0f, 1f));
    }
}
