using NeuralNet.Training.Tests.Support;

namespace NeuralNet.Training.Tests.Callbacks;

/// <summary>Early stopping (Keras semantics): the epoch it stops at, the snapshot it restores, directions, min delta, state.</summary>
public sealed class EarlyStoppingTests
{
    private static (FakeContext Context, int Epochs) Run(IDictionary<string, string?> options, double[] losses, double[]? accuracies = null)
    {
        ICallback stopping = Support.Callbacks.Create("early_stopping", options);
        var context = new FakeContext(losses.Length, 0.01f);
        stopping.OnTrainBegin(context);
        int epochs = 0;
        for (int e = 0; e < losses.Length && !context.StopRequested; e++, epochs++)
            context.RunEpoch([stopping], losses[e], accuracies?[e] ?? double.NaN);
        stopping.OnTrainEnd(context);
        return (context, epochs);
    }

    [Test]
    public void StopsAfterPatienceEpochsWithoutImprovement_AndRestoresTheBestEpoch()
    {
        // Best at epoch 3 (0.5); epochs 4, 5, 6 do not improve; patience 3 stops after epoch 6.
        var (context, epochs) = Run(new Dictionary<string, string?> { ["Patience"] = "3", ["RestoreBest"] = "true" },
            [1.0, 0.8, 0.5, 0.6, 0.55, 0.7, 0.1, 0.1]);
        Assert.That(epochs, Is.EqualTo(6));
        Assert.That(context.StopReason, Does.Contain("best 0.5 at epoch 3"));
        Assert.That(context.Snapshots.Select(s => s.Epoch), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(context.Restored, Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public void WithoutRestoreBest_KeepsTheLastWeights()
    {
        var (context, epochs) = Run(new Dictionary<string, string?> { ["Patience"] = "1" }, [1.0, 0.5, 0.6, 0.4]);
        Assert.That(epochs, Is.EqualTo(3));
        Assert.That(context.Snapshots, Is.Empty);
        Assert.That(context.Restored, Is.Empty);
    }

    [Test]
    public void PatienceZero_StopsAtTheFirstEpochThatDoesNotImprove()
        => Assert.That(Run(new Dictionary<string, string?> { ["Patience"] = "0" }, [1.0, 0.9, 0.95, 0.1]).Epochs, Is.EqualTo(3));

    [Test]
    public void MinDelta_SmallImprovementsDoNotCount()
        => Assert.That(Run(new Dictionary<string, string?> { ["Patience"] = "2", ["MinDelta"] = "0.05" }, [1.0, 0.98, 0.97, 0.5]).Epochs, Is.EqualTo(3));

    [Test]
    public void AccuracyMonitor_ImprovesUpwards_FromTheMetricsDirection()
    {
        var (context, epochs) = Run(new Dictionary<string, string?> { ["Monitor"] = "val_accuracy", ["Patience"] = "2", ["RestoreBest"] = "true" },
            [1, 1, 1, 1, 1, 1], [0.5, 0.7, 0.6, 0.65, 0.9, 0.9]);
        Assert.That(epochs, Is.EqualTo(4));
        Assert.That(context.Restored, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void ModeMax_OverridesTheDirection()
        => Assert.That(Run(new Dictionary<string, string?> { ["Mode"] = "max", ["Patience"] = "1" }, [1.0, 0.5, 0.4]).Epochs, Is.EqualTo(2));

    [Test]
    public void TrainingThatEndsAtItsBestEpoch_RestoresNothing()
    {
        var (context, epochs) = Run(new Dictionary<string, string?> { ["Patience"] = "3", ["RestoreBest"] = "true" }, [1.0, 0.9, 0.8]);
        Assert.That(epochs, Is.EqualTo(3));
        Assert.That(context.StopRequested, Is.False);
        Assert.That(context.Restored, Is.Empty);
    }

    [Test]
    public void State_RoundTrips_SoAResumedRunStopsAtTheSameEpoch()
    {
        var options = new Dictionary<string, string?> { ["Patience"] = "2" };
        double[] losses = [1.0, 0.5, 0.6, 0.7, 0.1];
        ICallback first = Support.Callbacks.Create("early_stopping", options);
        var context = new FakeContext(5, 0.01f);
        first.OnTrainBegin(context);
        context.RunEpoch([first], losses[0]);
        context.RunEpoch([first], losses[1]);
        context.RunEpoch([first], losses[2]);
        var state = first.SaveState()!;
        ICallback second = Support.Callbacks.Create("early_stopping", options);
        second.OnTrainBegin(context);
        second.LoadState(state);
        context.RunEpoch([second], losses[3]);
        Assert.That(context.StopRequested, Is.True, "The restored wait count was lost.");
    }

    [Test]
    public void UnknownMonitor_IsReported_WithTheAllowedNames()
    {
        ICallback stopping = Support.Callbacks.Create("early_stopping", new Dictionary<string, string?> { ["Monitor"] = "val_acc", ["Mode"] = "up" });
        string[] problems = stopping.Check(new TrainingPlan("Experiment:Callbacks:1", 10, true,
            new Dictionary<string, bool> { ["loss"] = false, ["accuracy"] = true })).ToArray();
        Assert.That(problems, Has.Length.EqualTo(2));
        Assert.That(problems[0], Does.StartWith("Experiment:Callbacks:1:Monitor").And.Contain("'val_acc'").And.Contain("val_accuracy").And.Contain("val_loss"));
        Assert.That(problems[1], Does.StartWith("Experiment:Callbacks:1:Mode").And.Contain("auto, min, max"));
    }

    [Test]
    public void ValidationMonitor_WithoutAValidationSet_IsReported()
    {
        ICallback stopping = Support.Callbacks.Create("early_stopping");
        string[] problems = stopping.Check(new TrainingPlan("Experiment:Callbacks:0", 10, false, new Dictionary<string, bool> { ["loss"] = false })).ToArray();
        Assert.That(problems.Single(), Does.Contain("'val_loss'").And.Contain("Allowed: loss"));
    }
}
