using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>Several mistakes in one experiment are reported together at start-up, each naming its key; nothing is written.</summary>
[NonParallelizable]
public sealed class HostStartupProblemsTests
{
    /// <summary>A small 3-class spiral experiment (classes c1, c2, c3) named <paramref name="name"/> with the given loss section.</summary>
    private static string SpiralWithLoss(string name, string loss) => $$"""
        {
          "Experiment": {
            "Name": "{{name}}",
            "Data": { "Type": "spiral", "Samples": 300, "Classes": 3 },
            "Model": { "Layers": [ { "Type": "dense", "Units": 16, "Activation": "relu" }, { "Type": "dense", "Activation": "softmax" } ] },
            "Loss": {{loss}},
            "Training": { "Epochs": 3 },
            "Charts": { "Enabled": false }
          }
        }
        """;

    /// <summary>Runs the host on an experiment file holding <paramref name="json"/> in a fresh content root.</summary>
    private static HostProcess.Result RunExperiment(TempDirectory root, string json)
    {
        string experiment = root.Combine("bad.json");
        File.WriteAllText(experiment, json);
        return HostProcess.Run(root.Path, TimeSpan.FromMinutes(2), "--experiment", experiment);
    }

    [Test]
    public void NegativeLearningRate_DropoutOutOfRange_HuberDeltaZero_LabelSmoothingOutOfRange_AllReportedTogether()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = RunExperiment(root, """
            {
              "Experiment": {
                "Name": "bad",
                "Data": { "Type": "spiral", "Samples": 300, "Classes": 3 },
                "Model": { "Layers": [ { "Type": "dense", "Units": 16, "Activation": "relu" },
                                       { "Type": "dropout", "Rate": 1.5 },
                                       { "Type": "dense", "Activation": "softmax" } ] },
                "Loss": { "Type": "huber", "Delta": 0 },
                "Optimizer": { "Type": "adam", "LearningRate": -0.01 },
                "Metrics": [ { "Type": "accuracy" } ],
                "Training": { "Epochs": 2, "ClipValue": -1 }
              }
            }
            """);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("configuration problems"));
        foreach (string key in new[] { "Experiment:Model:Layers:1:Rate", "Experiment:Loss:Delta", "Experiment:Optimizer:LearningRate", "Experiment:Training:ClipValue" })
            Assert.That(run.StandardError, Does.Contain(key), run.All);
        Assert.That(run.All, Does.Not.Contain("epoch 1/"), "Training started.");
        Assert.That(Directory.Exists(root.Combine("runs", "bad")), Is.False, "A run folder was written.");
        Assert.That(Directory.Exists(root.Combine("models", "bad")), Is.False, "A model folder was written.");
    }

    [Test]
    public void LabelSmoothingOutOfRange_NamesTheKey()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = RunExperiment(root, SpiralWithLoss("bad", """{ "Type": "categorical_crossentropy", "LabelSmoothing": 1.2 }"""));
        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("Experiment:Loss:LabelSmoothing").And.Contain("[0, 1]"));
    }

    [Test]
    public void ClassWeightForAnUnknownClass_NamesItAndTheClasses_BeforeTraining()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = RunExperiment(root, SpiralWithLoss("bad", """{ "Type": "categorical_crossentropy", "ClassWeights": { "c1": 2, "c9": 1 } }"""));
        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("Experiment:Loss:ClassWeights:c9").And.Contain("c1, c2, c3"));
        Assert.That(run.All, Does.Not.Contain("epoch 1/"), "Training started.");
    }

    [Test]
    public void BalancedClassWeights_Train()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = RunExperiment(root, SpiralWithLoss("weighted", """{ "Type": "categorical_crossentropy", "ClassWeights": "balanced", "LabelSmoothing": 0.05 }"""));
        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(File.Exists(root.Combine("runs", "weighted", "latest", "report.json")), run.All);
    }
}
