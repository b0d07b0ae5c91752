using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralNet.Components;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Errors;
using NeuralNet.Training;

namespace NeuralNet.Engine.Tests.Training;

/// <summary>Options of <see cref="CancelAt"/>.</summary>
[ComponentOptions]
public sealed class CancelAtOptions
{
    public int Epoch { get; set; }
    public int Batch { get; set; }

    /// <summary>Which time the position is reached (k-fold reaches it once per fold). Default 1.</summary>
    public int Occurrence { get; set; } = 1;
}

/// <summary>A test callback that cancels the run's token after a given batch, as SIGTERM would, at an exact position.</summary>
[Component("test>cancel_at")]
public sealed class CancelAt(CancelAtOptions options) : ICallback
{
    public static CancellationTokenSource Source { get; set; } = new();

    public static int Hits { get; set; }

    public void OnBatchEnd(TrainingContext context, float loss)
    {
        if (context.Epoch == options.Epoch && context.Batch == options.Batch && ++Hits == options.Occurrence) Source.Cancel();
    }
}

/// <summary>
/// Interrupting in the middle of an epoch, at an exact batch, and resuming: the checkpoint records the position, and
/// the resumed run trains the rest of that epoch and ends with the uninterrupted run's weights, byte for byte (dropout,
/// shuffling and a schedule in play). k-fold runs skip the folds that finished.
/// </summary>
[NonParallelizable]
public sealed class TrainingLoopResumeTests
{
    private static Dictionary<string, string?> Experiment(string validation, int cancelEpoch, int cancelBatch, int occurrence) => new()
    {
        ["Experiment:Callbacks:0:Occurrence"] = occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Experiment:Name"] = "loop",
        ["Experiment:Seed"] = "3",
        ["Experiment:Data:Type"] = "spiral",
        ["Experiment:Data:Samples"] = "900",
        ["Experiment:Validation:Type"] = validation,
        ["Experiment:Model:Layers:0:Type"] = "dense",
        ["Experiment:Model:Layers:0:Units"] = "32",
        ["Experiment:Model:Layers:0:Activation"] = "relu",
        ["Experiment:Model:Layers:1:Type"] = "dropout",
        ["Experiment:Model:Layers:1:Rate"] = "0.25",
        ["Experiment:Model:Layers:2:Type"] = "dense",
        ["Experiment:Model:Layers:2:Activation"] = "softmax",
        ["Experiment:Loss"] = "categorical_crossentropy",
        ["Experiment:Optimizer:Type"] = "adam",
        ["Experiment:Optimizer:LearningRate"] = "0.01",
        ["Experiment:Callbacks:0:Type"] = "test>cancel_at",
        ["Experiment:Callbacks:0:Epoch"] = cancelEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Experiment:Callbacks:0:Batch"] = cancelBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Experiment:Callbacks:1:Type"] = "exponential",
        ["Experiment:Callbacks:1:Gamma"] = "0.8",
        ["Experiment:Training:Epochs"] = "5",
        ["Experiment:Training:BatchSize"] = "32",
        ["Experiment:Charts:Enabled"] = "false",
    };

    private static ExperimentRunner Runner()
    {
        ComponentRegistry registry = TestPaths.BuiltInRegistry();
        registry.Add(typeof(CancelAt));
        return new ExperimentRunner(registry, NullLogger<ExperimentRunner>.Instance);
    }

    /// <summary>The experiment; a validation of <c>kfold:retrain</c> is k-fold with <c>Keep: retrain</c>.</summary>
    private static IConfigurationSection Section(Dictionary<string, string?> values)
    {
        if (values["Experiment:Validation:Type"] is "kfold:retrain")
        {
            values["Experiment:Validation:Type"] = "kfold";
            values["Experiment:Validation:Keep"] = "retrain";
        }
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Experiment");
    }

    [TestCase("holdout", 2, 7, 1)]
    [TestCase("kfold", 3, 4, 2)] // in the second fold, mid-epoch: the first fold is restored from its final checkpoint
    [TestCase("kfold:retrain", 1, 3, 6)] // in the retrain after the 5 folds, which are all restored
    public void InterruptedMidEpoch_ResumesToTheSameWeights(string validation, int epoch, int batch, int occurrence)
    {
        using var reference = new TempDirectory();
        RunResult whole = Runner().Run(Section(Experiment(validation, 0, 0, 1)), reference.Path, CancellationToken.None);

        using var root = new TempDirectory();
        CancelAt.Source = new CancellationTokenSource();
        CancelAt.Hits = 0;
        var error = Assert.Throws<TrainingInterruptedException>(() =>
            Runner().Run(Section(Experiment(validation, epoch, batch, occurrence)), root.Path, CancelAt.Source.Token))!;
        Assert.That(error.Message, Does.Contain($"at epoch {epoch}, batch {batch} of").And.Contain("--resume"));
        Assert.That(error.ExitCode, Is.EqualTo(130));

        string checkpoint = Directory.GetFiles(root.Combine("runs", "loop"), "last.ckpt", SearchOption.AllDirectories).OrderBy(f => f).Last();
        var header = CheckpointStore.Read(checkpoint).Header;
        Assert.That(header["completed_epochs"]!.GetValue<int>(), Is.EqualTo(epoch - 1));
        Assert.That(header["batch"]!.GetValue<int>(), Is.EqualTo(batch));

        CancelAt.Hits = 0;
        RunResult resumed = Runner().Run(Section(Experiment(validation, epoch, batch, occurrence)), root.Path, CancellationToken.None, new RunOptions(Resume: true));
        Assert.That(File.ReadAllBytes(Path.Combine(resumed.ModelDirectory, ModelStore.WeightsFile)),
            Is.EqualTo(File.ReadAllBytes(Path.Combine(whole.ModelDirectory, ModelStore.WeightsFile))));
        // Every epoch's training loss and validation values (the retrain validates on nothing).
        Assert.That(resumed.Report["history"]!.AsArray().Select(h => h!["train"]!["loss"]!.ToJsonString() + h["validation"]!.ToJsonString()),
            Is.EqualTo(whole.Report["history"]!.AsArray().Select(h => h!["train"]!["loss"]!.ToJsonString() + h["validation"]!.ToJsonString())));
        Assert.That(resumed.RunId, Is.EqualTo(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(checkpoint))))));
    }
}
