using NeuralNet.Training.Callbacks;
using NeuralNet.Training.Internal;
using NeuralNet.Training.Tests.Support;

namespace NeuralNet.Training.Tests.Callbacks;

/// <summary>The checkpoint callback's naming and retention, and the progress display's terminal rule and output.</summary>
public sealed class CheckpointAndProgressTests
{
    [Test]
    public void Checkpoint_EveryTwoEpochs_KeepsTheLastTwo_AndTheBest()
    {
        ICallback checkpoint = Support.Callbacks.Create("checkpoint",
            new Dictionary<string, string?> { ["EveryEpochs"] = "2", ["KeepLast"] = "2", ["Monitor"] = "val_loss" });
        var context = new FakeContext(8, 0.01f);
        checkpoint.OnTrainBegin(context);
        foreach (double loss in new[] { 1.0, 0.8, 0.9, 0.7, 0.75, 0.76, 0.6, 0.65 }) context.RunEpoch([checkpoint], loss);

        Assert.That(context.Written.Where(w => w == "best").Count(), Is.EqualTo(4), "best after epochs 1, 2, 4 and 7");
        Assert.That(context.Written.Where(w => w != "best"), Is.EqualTo(new[] { "epoch-0002", "epoch-0004", "epoch-0006", "epoch-0008" }));
        Assert.That(context.Deleted, Is.EqualTo(new[] { "epoch-0002", "epoch-0004" }));
    }

    [TestCase(false, "xterm-256color", null, null, ExpectedResult = true)]
    [TestCase(true, "xterm-256color", null, null, ExpectedResult = false)]
    [TestCase(false, "dumb", null, null, ExpectedResult = false)]
    [TestCase(false, "xterm", "true", null, ExpectedResult = false)]
    [TestCase(false, "xterm", null, "8:12345", ExpectedResult = false)]
    public bool Terminal_IsInteractiveOnlyForAnUnredirectedTerminal(bool redirected, string? term, string? ci, string? journal)
        => Terminal.IsInteractive(redirected, term, ci, journal);

    [Test]
    public void Progress_Format_ShowsPositionRateLossAndEta_WithoutControlCharacters()
    {
        string text = Progress.Format("fold 2/5", 3, 10, 120, 469, 12345.6, 0.42311, 75, 1234);
        Assert.That(text, Is.EqualTo("[fold 2/5] epoch 3/10 ######------------------ 120/469  12,346 samples/s  loss 0.4231  ETA 1:15 (run 20:34)"));
        Assert.That(text.Any(char.IsControl), Is.False);
    }

    [Test]
    public void Progress_Always_DrawsAndClears_Never_WritesNothing()
    {
        foreach (var (display, expectOutput) in new[] { ("always", true), ("never", false) })
        {
            var output = new StringWriter();
            var progress = new Progress(new ProgressOptions { Display = display, RefreshMilliseconds = 10 }, output, interactive: false);
            var context = new FakeContext(2, 0.01f);
            progress.OnEpochBegin(context);
            context.CurrentBatch = context.BatchesPerEpoch; // the epoch's last batch always draws
            progress.OnBatchEnd(context, 0.5f);
            progress.OnEpochEnd(context, new EpochSummary(1, 0.5, new Dictionary<string, double>(), 0.4, new Dictionary<string, double>(), 1, 0.01));
            Assert.That(output.ToString().Length > 0, Is.EqualTo(expectOutput), display);
            if (expectOutput) Assert.That(output.ToString(), Does.EndWith("\r\u001b[2K"), "The bar was not cleared for the epoch's log line.");
        }
    }

    [Test]
    public void Progress_Auto_FollowsTheTerminal()
    {
        Assert.That(new Progress(new ProgressOptions(), TextWriter.Null, interactive: true).Enabled, Is.True);
        Assert.That(new Progress(new ProgressOptions(), TextWriter.Null, interactive: false).Enabled, Is.False);
        Assert.Throws<ArgumentException>(() => _ = new Progress(new ProgressOptions { Display = "sometimes" }, TextWriter.Null, interactive: true));
    }

    [Test]
    public void Names_AsDocumented()
        => Assert.That(NeuralNet.Testing.Conformance.RegistryFor(typeof(EarlyStopping)).KnownNames<ICallback>(),
            Is.EquivalentTo(new[] { "early_stopping", "step", "exponential", "cosine", "reduce_on_plateau", "checkpoint", "progress" }));
}
