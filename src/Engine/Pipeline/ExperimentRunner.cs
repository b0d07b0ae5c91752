using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NeuralNet.Augmentation;
using NeuralNet.Charts;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Kernels.Threading;
using NeuralNet.Losses;
using NeuralNet.Metrics;
using NeuralNet.Optimizers;
using NeuralNet.Tensors;
using NeuralNet.Training;
using NeuralNet.Validation;

namespace NeuralNet.Engine.Pipeline;

/// <summary>
/// Runs one experiment from its config section: resolves every component by name (before any data is read, so a
/// typo costs nothing), loads and splits the data, trains one model per split with validation every epoch,
/// evaluates on test, then writes the model, report.json and the charts. Outputs are staged and moved into place
/// only when everything succeeded: a failed run leaves no run or model folder behind.
/// </summary>
public sealed partial class ExperimentRunner(ComponentRegistry registry, ILogger<ExperimentRunner> logger)
{
    /// <summary>The keys an experiment section may have.</summary>
    public static readonly IReadOnlyList<string> ExperimentKeys =
        ["Name", "Description", "Seed", "Data", "Preprocessing", "Augmentation", "Validation", "Model", "Loss", "Optimizer", "Metrics", "Callbacks", "Training", "Charts", "Output"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Runs the experiment in <paramref name="experiment"/> (the <c>Experiment</c> section).</summary>
    /// <param name="experiment">The experiment section.</param>
    /// <param name="contentRoot">Relative paths (data, runs, models) resolve against it.</param>
    /// <param name="cancellationToken">Stops training after the batch in progress; a checkpoint is written and the run can be resumed.</param>
    /// <param name="options">Resume an interrupted run instead of starting a new one.</param>
    /// <exception cref="TrainingInterruptedException">Cancelled during training; the message says how to resume.</exception>
    public RunResult Run(IConfigurationSection experiment, string contentRoot, CancellationToken cancellationToken, RunOptions? options = null)
    {
        options ??= new RunOptions();
        if (!experiment.GetChildren().Any())
            throw new ConfigurationException(experiment.Path, "missing: the experiment to run (config/appsettings.json, or --experiment <file>).");
        foreach (IConfigurationSection child in experiment.GetChildren())
            if (!ExperimentKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                throw new ConfigurationException(child.Path, $"unknown key. Valid keys of {experiment.Path}: {string.Join(", ", ExperimentKeys)}.");

        // 1. Every setting and component name, before any work; independent problems are reported together.
        var problems = new ConfigurationProblems();
        var settings = problems.Try(() => OptionsBinder.Bind<ExperimentSettings>(experiment, experiment.Path, "the experiment", new HashSet<string>(ExperimentKeys.Except(["Name", "Description", "Seed"]), StringComparer.OrdinalIgnoreCase)));
        var training = problems.Try(() => OptionsBinder.Bind<TrainingSettings>(Section(experiment, "Training"), experiment.Path + ":Training", "Training"));
        var preprocessing = problems.Try(() => OptionsBinder.Bind<PreprocessingSettings>(Section(experiment, "Preprocessing"), experiment.Path + ":Preprocessing", "Preprocessing"));
        var charts = problems.Try(() => OptionsBinder.Bind<ChartSettings>(Section(experiment, "Charts"), experiment.Path + ":Charts", "Charts", new HashSet<string>(["Kinds"], StringComparer.OrdinalIgnoreCase)));
        var output = problems.Try(() => OptionsBinder.Bind<OutputSettings>(Section(experiment, "Output"), experiment.Path + ":Output", "Output"));
        if (!Missing(output)) problems.Try(() => OutputLocations.Check(output, contentRoot, experiment.Path + ":Output"));

        ComponentSpec dataSpec = problems.Try(() => ComponentSpec.Read(experiment.GetSection("Data"), "data source"));
        ComponentSpec validationSpec = problems.Try(() => ComponentSpec.Read(experiment.GetSection("Validation"), "validator", registry.DefaultName<ICrossValidator>()));
        ComponentSpec lossSpec = problems.Try(() => ComponentSpec.Read(experiment.GetSection("Loss"), "loss"));
        ComponentSpec optimizerSpec = problems.Try(() => ComponentSpec.Read(experiment.GetSection("Optimizer"), "optimizer", registry.DefaultName<IOptimizer>()));
        var builder = new ModelBuilder(registry);
        IReadOnlyList<LayerDefinition> layers = problems.Try(() => builder.ReadModel(experiment.GetSection("Model")));
        ChartStage chartStage = Missing(charts) ? null! : problems.Try(() => ChartStage.Resolve(registry, charts, experiment.GetSection("Charts:Kinds"), logger));
        IDataSource source = Missing(dataSpec) ? null! : problems.Try(() => Create<IDataSource>(dataSpec).Component);
        ICrossValidator validator = Missing(validationSpec) ? null! : problems.Try(() => Create<ICrossValidator>(validationSpec).Component);
        ComponentInstance<ILoss> loss = Missing(lossSpec) ? null! : problems.Try(() => Create<ILoss>(lossSpec));
        if (!Missing(optimizerSpec)) problems.Try(() => Create<IOptimizer>(optimizerSpec)); // validates options now; each split gets a fresh one
        IConfigurationSection metricsSection = experiment.GetSection("Metrics");
        var metricSpecs = problems.Try(() => metricsSection.GetChildren().Select(c => ComponentSpec.Read(c, "metric")).ToList()) ?? [];
        foreach (ComponentSpec spec in metricSpecs) problems.Try(() => Create<IMetric>(spec));
        var augmentationSpecs = problems.Try(() => experiment.GetSection("Augmentation").GetChildren()
            .OrderBy(c => int.TryParse(c.Key, out int i) ? i : int.MaxValue)
            .Select(c => ComponentSpec.Read(c, "augmentation")).ToList()) ?? [];
        foreach (ComponentSpec spec in augmentationSpecs) problems.Try(() => Create<IAugmentation>(spec));
        var callbackSpecs = problems.Try(() => experiment.GetSection("Callbacks").GetChildren()
            .OrderBy(c => int.TryParse(c.Key, out int i) ? i : int.MaxValue)
            .Select(c => ComponentSpec.Read(c, "callback")).ToList()) ?? [];
        foreach (ComponentSpec spec in callbackSpecs) problems.Try(() => Create<ICallback>(spec));
        problems.ThrowIfAny();

        var seeds = new SeedSequence(settings.Seed);
        string name = settings.Name;
        LogStarting(name, settings.Seed);

        // 2. Data.
        var clock = Stopwatch.StartNew();
        DataSet data = source.Load(new DataLoadContext(contentRoot, seeds.Next("data"), dataSpec.ConfigPath), cancellationToken);
        if (data.Count == 0) throw new DataFormatException(data.Source, "the data source returned no samples.");
        if (data.ClassNames is { Count: < 2 } single) throw new DataFormatException(data.Source, $"every sample has the class '{single.FirstOrDefault()}': a classifier needs at least two classes.");
        LogDataLoaded(data.Count, data.FeatureShape.ToString(), data.TargetSize, data.Test?.Count ?? 0, data.Source, clock.Elapsed.TotalSeconds);
        // Multi-label data gets no default metric: argmax accuracy does not apply, so it is configured explicitly.
        if (metricSpecs.Count == 0 && !data.IsMultiLabel
            && registry.DefaultName<IMetric>(data.IsClassification ? ComponentDefaults.Classification : ComponentDefaults.Regression) is { } metricName)
            metricSpecs.Add(new ComponentSpec(metricName, null, metricsSection.Path));
        PredictionTask task = TaskDetection.Of(data);
        CheckTask(task, metricSpecs, chartStage, data, metricsSection.Path);
        if (data.Test is { } predefined && (predefined.FeatureShape != data.FeatureShape || predefined.TargetSize != data.TargetSize))
            throw new DataFormatException(predefined.Source,
                $"test samples have shape {predefined.FeatureShape} with {predefined.TargetSize} targets; training samples {data.FeatureShape} with {data.TargetSize}.");
        // How a raw file becomes a sample (images), checked now and saved with the model for predict on files.
        InputRecord? input = data.Input is { } format ? InputRecord.Of(format, registry, data.FeatureShape, dataSpec.ConfigPath + ":input") : null;

        int[]? labels = data.IsClassification && !data.IsMultiLabel ? data.Labels() : null; // multi-label rows have no single class
        var weightedLoss = loss.Component as IClassWeightedLoss;
        string classWeightsKey = lossSpec.ConfigPath + ":ClassWeights";
        if (weightedLoss?.ClassWeights is { } classWeights)
        {
            if (data.ClassNames is null)
                throw new ConfigurationException(classWeightsKey, $"class weights need classification data, but {data.Source} is regression.");
            if (classWeights.Balanced && data.IsMultiLabel)
                throw new ConfigurationException(classWeightsKey,
                    $"\"balanced\" counts one class per sample, but {data.Source} is multi-label: give weights by label name (or the loss's PosWeight).");
            ClassWeighting.CheckNames(classWeights, data.ClassNames, classWeightsKey); // before any training
        }

        IReadOnlyList<DataSplit> splits;
        try
        {
            splits = validator.Split(new SplitRequest(data.Count, labels, data.Test is not null, seeds.Next("split")));
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException(validationSpec.ConfigPath, $"cannot split {data.Count} samples of {data.Source}: {e.Message}", e);
        }
        if (splits.Count == 0) throw new ConfigurationException(validationSpec.ConfigPath, "the validator produced no splits.");
        KeptModel keep = validator is IKeptModelValidator keeping ? keeping.Keep : KeptModel.Best;
        if (training.Split is int only)
        {
            if (only > splits.Count)
                throw new ConfigurationException(experiment.Path + ":Training:Split", $"is {only}, but the validator deals {splits.Count} split{(splits.Count == 1 ? "" : "s")}.");
            if (keep == KeptModel.Retrain)
                throw new ConfigurationException(experiment.Path + ":Training:Split", $"runs one split, but {validationSpec.ConfigPath}:Keep retrain needs every split's best epoch.");
            splits = [splits[only - 1]];
        }
        if (keep == KeptModel.Retrain && FoldSelection.RetrainProblem(splits) is { } retrainProblem)
            throw new ConfigurationException(validationSpec.ConfigPath + ":Keep", retrainProblem);

        // 3. Train one model per split. The kernels' thread count is process-wide; results do not depend on it.
        KernelSettings.MaxThreads = training.Threads > 0 ? training.Threads : Environment.ProcessorCount;
        NormalizationScope scope;
        try
        {
            scope = FeatureNormalizer.ScopeFor(preprocessing.Per, data.FeatureShape);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException(experiment.Path + ":Preprocessing:Per", e.Message, e);
        }
        if (preprocessing.ScaleTargets && data.IsClassification)
            throw new ConfigurationException(experiment.Path + ":Preprocessing:ScaleTargets",
                $"standardises regression targets, but {data.Source} is a classification data set (classes {string.Join(", ", data.ClassNames!)}).");
        ulong augmentationKey = CounterRandom.Key((ulong)(uint)settings.Seed, "augmentation");
        CheckCallbacks(callbackSpecs, metricSpecs, training, splits);
        // Targets as the loss asks for them (binary cross-entropy: one 0/1 column for two classes); sizes the output.
        // Class-index losses (sparse categorical cross-entropy) read one index per sample; the model keeps one output per class.
        ISampleSet samples = ClassTargetSampleSet.For(data, loss.Component, lossSpec.ConfigPath);
        ISampleSet? testSamples = data.Test is { } predefinedTest ? ClassTargetSampleSet.For(predefinedTest, loss.Component, lossSpec.ConfigPath) : null;
        int outputWidth = ClassTargetSampleSet.OutputWidth(data, loss.Component);

        // The run's folder: new, or the interrupted run being continued. Created only now, after every check, so a
        // bad config or data file writes nothing.
        string experimentRuns = Path.GetFullPath(Path.Combine(contentRoot, output.RunsDirectory, name));
        RunFolder run = options.Resume ? RunFolder.Resume(experimentRuns, options.ResumeRunId)
            : options.RunId is { } runId && RunFolder.Unfinished(experimentRuns).Contains(runId) ? RunFolder.Resume(experimentRuns, runId)
            : RunFolder.Create(experimentRuns, ConfigJson.From(experiment), experiment.Path + ":Output:RunsDirectory", options.RunId);
        LogRun(run.Resumed ? "Resuming" : "Starting", run.Id, run.Path);
        if (!run.Resumed && RunFolder.Unfinished(experimentRuns).Where(id => id != run.Id).LastOrDefault() is { } unfinished)
            LogUnfinished(unfinished, unfinished);
        try
        {
            // One split's model, trained (or restored from its final checkpoint when a resumed run finished it).
            FoldOutcome TrainSplit(DataSplit split, TrainingSettings splitTraining, IReadOnlyList<ComponentSpec> splitCallbacks)
            {
                if (split.Train.Length == 0) throw new ConfigurationException(validationSpec.ConfigPath, $"split '{split.Name}' has no training samples.");
                FeatureNormalizer normalizer = FeatureNormalizer.Fit(preprocessing, scope, data.Samples, split.Train, data.ImputeMissing, data.Columns);
                SequentialModel model = builder.Build(layers, data.FeatureShape, outputWidth, splitTraining.BatchSize, seeds.Next("init:" + split.Name));
                IOptimizer optimizer = Create<IOptimizer>(optimizerSpec).Component;
                NamedMetric[] metrics = CreateMetrics(metricSpecs) // one-hot targets for the metrics, whatever the loss reads
                    .Select(m => m with { Metric = ClassIndexTargetMetric.For(m.Metric, loss.Component, data.TargetSize) }).ToArray();
                if (normalizer.Targets is { } targetScaler) // metrics in the data's units, though the model trains on standardised targets
                    metrics = metrics.Select(m => m with { Metric = new TargetScaledMetric(m.Metric, targetScaler) }).ToArray();
                IAugmentation[] augmentations = augmentationSpecs.Select(a => Create<IAugmentation>(a).Component).ToArray();
                if (weightedLoss?.ClassWeights is { } splitWeights) // balanced weights count this split's training rows
                    weightedLoss.UseClassWeights(ClassWeighting.Resolve(splitWeights, data.ClassNames!, labels!, split.Train, classWeightsKey));
                CallbackInstance[] callbacks = splitCallbacks.Select(c => { var made = Create<ICallback>(c); return new CallbackInstance(made.Name, c.ConfigPath, made.Component); }).ToArray();
                using var trainer = new Trainer(model, loss.Component, optimizer, metrics, splitTraining, normalizer, augmentations, CounterRandom.Key(augmentationKey, split.Name));
                if (split == splits[0]) LogModel(model.ParameterCount, string.Join(" → ", model.Specs.Select(s => s.Name)), trainer.IsFused);

                var target = new CheckpointTarget(run.CheckpointDirectory(split.Name), new JsonObject
                {
                    ["experiment"] = name,
                    ["run_id"] = run.Id,
                    ["split"] = split.Name,
                    ["architecture"] = TrainingLoop.Fingerprint(model),
                });
                if (run.Resumed && File.Exists(target.PathOf(CheckpointTarget.Final)))
                {
                    LogFoldRestored(split.Name);
                    return FoldOutcome.Restore(CheckpointStore.Read(target.PathOf(CheckpointTarget.Final)), target, split, model, normalizer);
                }
                Checkpoint? resume = run.Resumed && File.Exists(target.PathOf(CheckpointTarget.Last)) ? CheckpointStore.Read(target.PathOf(CheckpointTarget.Last)) : null;
                string splitName = split.Name;
                var loop = new TrainingLoop(trainer, model, optimizer, callbacks, splitTraining, split.Name,
                    epoch => seeds.Next($"shuffle:{splitName}:{epoch}"), target, logger,
                    new TrainingPlan("", splitTraining.Epochs, split.Validation.Length > 0, Directions(metrics)), $"the same command with --resume {run.Id}");
                LoopOutcome trained = loop.Run(samples, split.Train, split.Validation, resume, cancellationToken);

                // Validation after the last epoch is the final one unless a callback restored other weights since.
                EvaluationResult finalValidation = trained.LastValidation ?? trainer.Evaluate(samples, split.Validation);
                var testClock = Stopwatch.StartNew();
                EvaluationResult test = testSamples is not null
                    ? trainer.Evaluate(testSamples, Enumerable.Range(0, testSamples.Count).ToArray())
                    : trainer.Evaluate(samples, split.Test);
                var fold = new FoldOutcome(split, model, normalizer, trained.History.ToList(), trained.TrainSeconds, trained.SamplesTrained,
                    finalValidation, test, testClock.Elapsed.TotalSeconds, trained.MaxAllocatedBytesPerEpoch, trained.StopReason);
                fold.Save(target);
                return fold;
            }

            var folds = splits.Select(split => TrainSplit(split, training, callbackSpecs)).ToList();

            // The model kept: a split's, or one retrained on every non-test sample for the mean best epoch of the splits.
            FoldOutcome best;
            string keptBecause;
            FoldOutcome? retrained = null;
            if (keep == KeptModel.Retrain)
            {
                int epochs = FoldSelection.RetrainEpochs(folds);
                DataSplit retrain = FoldSelection.RetrainSplit(splits);
                LogRetraining(retrain.Train.Length, epochs, string.Join(", ", folds.Select(FoldSelection.BestEpoch)));
                best = retrained = TrainSplit(retrain, training.WithEpochs(epochs), RetrainCallbacks(callbackSpecs, metricSpecs, epochs));
                keptBecause = $"retrained on all {retrain.Train.Length} training samples for {epochs} epochs, the mean best epoch of {folds.Count} splits";
            }
            else
            {
                (best, keptBecause) = FoldSelection.Choose(folds, keep);
            }

            // Outputs, staged inside the run folder and moved into place together.
            JsonObject report = BuildReport(settings, data, folds, retrained, best, keptBecause, training, loss.Name, run.Id);
            string modelDir = Path.GetFullPath(Path.Combine(contentRoot, output.ModelsDirectory, name));
            RunResults results = Results(name, task, data, retrained is null ? folds : [.. folds, retrained], best);
            if (results.Classes is { } classes)
            {
                ClassReports.AddTo(report, classes, results.EvaluatedOn);
                LogClassReport(results.EvaluatedOn, Environment.NewLine + ClassReports.Table(classes));
            }
            WriteOutputs(run, modelDir, report, best, data, input, loss.Name, name);
            // Charts last: the model and report are in place, and a chart that fails is logged and skipped.
            chartStage.Draw(results, run.Path);
            if (folds.Count > 1) LogFolds(folds.Count, folds.Sum(f => f.History.Count), best.Split.Name, keptBecause);
            LogFinished(name, run.Path, modelDir);
            return new RunResult(name, report, run.Path, modelDir, run.Id);
        }
        catch (TrainingInterruptedException e)
        {
            run.WriteStatus("interrupted", e.Message);
            throw;
        }
        catch (Exception) when (!run.Resumed)
        {
            run.Delete(); // a fresh run that failed leaves nothing behind
            throw;
        }
        catch (Exception e)
        {
            run.WriteStatus("failed", e.Message);
            throw;
        }
    }

    /// <summary>Whether a start-up check failed (its problem recorded), so checks that need its result are skipped.</summary>
    private static bool Missing(object? result) => result is null;

    private ComponentInstance<T> Create<T>(ComponentSpec spec) where T : class
        => registry.Create<T>(spec.Name, spec.Options, spec.ConfigPath, ComponentSpec.ReservedKeys);

    private NamedMetric[] CreateMetrics(IReadOnlyList<ComponentSpec> specs)
    {
        var created = specs.Select(Create<IMetric>).ToArray();
        string[] names = MetricNaming.Names(created);
        return created.Select((m, i) => new NamedMetric(names[i], m.Component)).ToArray();
    }

    /// <summary>Every metric and named chart must fit the data's task; all misfits are reported together.</summary>
    private void CheckTask(PredictionTask task, IReadOnlyList<ComponentSpec> metricSpecs, ChartStage chartStage, DataSet data, string metricsPath)
    {
        var problems = new List<string>();
        foreach (ComponentSpec spec in metricSpecs)
        {
            ComponentInstance<IMetric> metric = Create<IMetric>(spec);
            if (!metric.Component.Tasks.HasFlag(task))
                problems.Add($"{spec.ConfigPath}: metric '{metric.Name}' does not apply to {TaskDetection.Describe(task)} (it fits {Fits(metric.Component.Tasks)}).");
        }
        problems.AddRange(chartStage.SelectFor(task, data.FeatureShape, data.TargetSize));
        if (problems.Count > 0)
            throw new ConfigurationException(metricsPath, $"{data.Source} is {TaskDetection.Describe(task)}: " + string.Join(" ", problems));

        static string Fits(PredictionTask tasks) => string.Join(", ",
            new[] { PredictionTask.Classification, PredictionTask.MultiLabel, PredictionTask.Regression }.Where(t => tasks.HasFlag(t)).Select(TaskDetection.Describe));
    }

    /// <summary>The saved model's predictions on the test samples (or validation, or training when a split has neither), for charts and the per-class report.</summary>
    private static RunResults Results(string name, PredictionTask task, DataSet data, List<FoldOutcome> folds, FoldOutcome best)
    {
        var (samples, indices, on) = data.Test is { } testSet ? (testSet.Samples, Enumerable.Range(0, testSet.Count).ToArray(), "test")
            : best.Split.Test.Length > 0 ? (data.Samples, best.Split.Test, "test")
            : best.Split.Validation.Length > 0 ? (data.Samples, best.Split.Validation, "validation")
            : (data.Samples, best.Split.Train, "train");
        var histories = folds.Select(f => RunResultsBuilder.History(f.Split.Name, f.History)).ToArray();
        return RunResultsBuilder.Build(name, task, data, histories, folds.IndexOf(best), best.Model, best.Normalizer, samples, indices, on);
    }

    private static IConfigurationSection? Section(IConfigurationSection parent, string key)
    {
        IConfigurationSection s = parent.GetSection(key);
        return s.Exists() ? s : null;
    }

    private static JsonObject BuildReport(ExperimentSettings settings, DataSet data, List<FoldOutcome> folds, FoldOutcome? retrained, FoldOutcome best,
        string keptBecause, TrainingSettings training, string lossName, string runId)
    {
        static JsonObject Fold(FoldOutcome f) => new()
        {
            ["split"] = f.Split.Name,
            ["train_samples"] = f.Split.Train.Length,
            ["validation_samples"] = f.Split.Validation.Length,
            ["test_samples"] = f.Test.Samples,
            ["epochs"] = f.History.Count,
            ["stopped_early"] = f.StopReason,
            ["validation"] = HistoryJson.Map(f.Validation.ToDictionary()),
            ["test"] = HistoryJson.Map(f.Test.ToDictionary()),
        };

        List<FoldOutcome> trained = retrained is null ? folds : [.. folds, retrained];
        double seconds = trained.Sum(f => f.TrainSeconds);
        long samples = trained.Sum(f => f.SamplesTrained);
        var report = new JsonObject
        {
            ["experiment"] = settings.Name,
            ["run_id"] = runId,
            ["description"] = settings.Description,
            ["seed"] = settings.Seed,
            ["data"] = new JsonObject
            {
                ["source"] = data.Source,
                ["samples"] = data.Count,
                ["test_samples"] = data.Test?.Count,
                ["input_shape"] = data.FeatureShape.ToString(),
                ["outputs"] = best.Model.OutputShape.Size, // the model's: 1 for two classes under binary cross-entropy
                ["classes"] = data.ClassNames is null ? null : new JsonArray(data.ClassNames.Select(c => (JsonNode)c).ToArray()),
            },
            ["model"] = new JsonObject
            {
                ["layers"] = new JsonArray(best.Model.Specs.Select(s => (JsonNode)s.Name).ToArray()),
                ["parameters"] = best.Model.ParameterCount,
                ["loss"] = lossName,
            },
            ["train"] = new JsonObject
            {
                ["epochs"] = training.Epochs,
                ["epochs_trained"] = trained.Sum(f => f.History.Count),
                ["stopped_early"] = best.StopReason,
                ["batch_size"] = training.BatchSize,
                ["samples"] = best.Split.Train.Length,
                ["seconds"] = Math.Round(seconds, 4),
                ["samples_per_second"] = seconds > 0 ? Math.Round(samples / seconds, 1) : null,
            },
            // Evaluation-mode throughput on the test set: batches read, normalised, forward, loss and metrics.
            ["inference"] = best.Test.Samples == 0 ? null : new JsonObject
            {
                ["samples"] = best.Test.Samples,
                ["batch_size"] = training.BatchSize,
                ["seconds"] = Math.Round(best.TestSeconds, 4),
                ["samples_per_second"] = best.TestSeconds > 0 ? Math.Round(best.Test.Samples / best.TestSeconds, 1) : null,
            },
            ["resources"] = new JsonObject
            {
                // Managed bytes the training loop allocated in its worst epoch after the first (warm-up) one.
                ["max_allocated_bytes_per_epoch_after_first"] = folds.Max(f => f.AllocatedBytesPerEpoch),
                ["peak_working_set_bytes"] = Process.GetCurrentProcess().PeakWorkingSet64,
                ["data_bytes"] = DataBytes(data),
                ["model_bytes"] = best.Model.StateSize * sizeof(float),
            },
            ["validation"] = HistoryJson.Map(best.Validation.ToDictionary()),
            ["test"] = HistoryJson.Map(best.Test.ToDictionary()),
            ["history"] = HistoryJson.Write(best.History, digits: 4),
        };
        if (folds.Count > 1 || training.Split is not null) // one split of several (Training:Split) still says which
        {
            report["folds"] = new JsonArray(folds.Select(f => (JsonNode)Fold(f)).ToArray());
            report["cross_validation"] = new JsonObject
            {
                ["validation"] = MeanAndStd(folds.Select(f => f.Validation.ToDictionary())),
                ["test"] = MeanAndStd(folds.Select(f => f.Test.ToDictionary())),
                ["epochs_trained"] = folds.Sum(f => f.History.Count),
            };
            report["saved_split"] = best.Split.Name;
            report["saved_because"] = keptBecause;
        }
        if (retrained is not null)
        {
            report["retrain"] = new JsonObject
            {
                ["train_samples"] = retrained.Split.Train.Length,
                ["epochs"] = retrained.History.Count,
                ["best_epochs"] = new JsonArray(folds.Select(f => (JsonNode)FoldSelection.BestEpoch(f)).ToArray()),
                ["test"] = HistoryJson.Map(retrained.Test.ToDictionary()),
            };
            report["saved_split"] = best.Split.Name;
            report["saved_because"] = keptBecause;
        }
        return report;
    }

    /// <summary>Mean and (population) standard deviation of every metric over folds.</summary>
    private static JsonObject MeanAndStd(IEnumerable<IReadOnlyDictionary<string, double>> folds)
    {
        var values = folds.ToList();
        var result = new JsonObject();
        foreach (string key in values.SelectMany(v => v.Keys).Distinct())
        {
            double[] v = values.Where(f => f.ContainsKey(key)).Select(f => f[key]).ToArray();
            double m = v.Average();
            double std = Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / v.Length);
            result[key] = new JsonObject { ["mean"] = double.IsFinite(m) ? m : null, ["std"] = double.IsFinite(std) ? std : null, ["folds"] = v.Length };
        }
        return result;
    }

    private static long DataBytes(DataSet data)
        => ((long)data.FeatureShape.Size + data.TargetSize) * data.Count * sizeof(float) + (data.Test is { } t ? DataBytes(t) : 0);

    private void WriteOutputs(RunFolder run, string modelDir, JsonObject report, FoldOutcome best, DataSet data, InputRecord? input, string lossName, string name)
    {
        // report.json is produced in a staging folder inside the run, then moved in with the run's other files.
        string staging = run.NewStaging();
        try
        {
            File.WriteAllText(Path.Combine(staging, "report.json"), report.ToJsonString(Indented));

            var metadata = new ModelMetadata(name, data.ClassNames, data.FeatureNames,
                new Dictionary<string, IReadOnlyDictionary<string, double>>
                {
                    ["validation"] = best.Validation.ToDictionary(),
                    ["test"] = best.Test.ToDictionary(),
                }, lossName, run.Id)
            {
                Columns = data.Columns,
                IsMultiLabel = data.IsMultiLabel,
                Input = input,
            };
            new ModelStore(registry).Save(modelDir, best.Model, metadata, best.Normalizer);
            run.Complete(staging);
        }
        finally
        {
            try { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Metric name → whether higher is better, with <c>loss</c> (lower is better).</summary>
    private static Dictionary<string, bool> Directions(NamedMetric[] metrics)
    {
        var directions = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase) { ["loss"] = false };
        foreach (NamedMetric m in metrics) directions[m.Name] = m.Metric.HigherIsBetter;
        return directions;
    }

    /// <summary>
    /// The callbacks of a retrain, which validates on nothing: those whose own check passes without validation (a
    /// schedule, a checkpoint); one that monitors validation (early stopping on val_loss) is left out, with a log line.
    /// </summary>
    private List<ComponentSpec> RetrainCallbacks(List<ComponentSpec> callbackSpecs, List<ComponentSpec> metricSpecs, int epochs)
    {
        IReadOnlyDictionary<string, bool> directions = Directions(CreateMetrics(metricSpecs));
        var kept = new List<ComponentSpec>();
        foreach (ComponentSpec spec in callbackSpecs)
        {
            string? problem = Create<ICallback>(spec).Component.Check(new TrainingPlan(spec.ConfigPath, epochs, false, directions)).FirstOrDefault();
            if (problem is null) kept.Add(spec);
            else LogRetrainWithout(spec.ConfigPath, spec.Name, problem);
        }
        return kept;
    }

    /// <summary>Callbacks' own checks (monitored names against the metrics), all reported together.</summary>
    private void CheckCallbacks(List<ComponentSpec> callbackSpecs, List<ComponentSpec> metricSpecs, TrainingSettings training, IReadOnlyList<DataSplit> splits)
    {
        if (callbackSpecs.Count == 0) return;
        IReadOnlyDictionary<string, bool> directions = Directions(CreateMetrics(metricSpecs));
        bool hasValidation = splits.All(s => s.Validation.Length > 0);
        var problems = new List<string>();
        foreach (ComponentSpec spec in callbackSpecs)
        {
            ICallback callback = Create<ICallback>(spec).Component;
            problems.AddRange(callback.Check(new TrainingPlan(spec.ConfigPath, training.Epochs, hasValidation, directions)));
        }
        string key = callbackSpecs[0].ConfigPath[..callbackSpecs[0].ConfigPath.LastIndexOf(':')];
        if (problems.Count > 0)
            throw new ConfigurationException(key, problems.Count == 1 ? problems[0]
                : $"{problems.Count} problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Experiment {Name} (seed {Seed})")]
    private partial void LogStarting(string name, int seed);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Data: {Samples} samples of {Shape} → {Outputs} outputs, {TestSamples} predefined test samples, from {Source} ({Seconds:F2} s)")]
    private partial void LogDataLoaded(int samples, string shape, int outputs, int testSamples, string source, double seconds);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Model: {Parameters} parameters, {Layers}; loss fused with final activation: {Fused}")]
    private partial void LogModel(long parameters, string layers, bool fused);

    [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Per class, on the {Samples} samples:{Table}")]
    private partial void LogClassReport(string samples, string table);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Experiment {Name} done: report and charts in {RunDirectory}, model in {ModelDirectory}")]
    private partial void LogFinished(string name, string runDirectory, string modelDirectory);

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "{What} run {RunId} in {RunDirectory}")]
    private partial void LogRun(string what, string runId, string runDirectory);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "Run {RunId} of this experiment did not finish; this is a new run. To continue that one instead, add --resume {ResumeId}")]
    private partial void LogUnfinished(string runId, string resumeId);

    [LoggerMessage(EventId = 208, Level = LogLevel.Information, Message = "[{Split}] finished before the interruption: restored from its final checkpoint")]
    private partial void LogFoldRestored(string split);

    [LoggerMessage(EventId = 212, Level = LogLevel.Information, Message = "Retraining on {Samples} samples for {Epochs} epochs (the mean of the splits' best epochs: {BestEpochs})")]
    private partial void LogRetraining(int samples, int epochs, string bestEpochs);

    [LoggerMessage(EventId = 213, Level = LogLevel.Information, Message = "The retrain has no validation, so it runs without {Key} ({Callback}): {Reason}")]
    private partial void LogRetrainWithout(string key, string callback, string reason);

    [LoggerMessage(EventId = 209, Level = LogLevel.Information, Message = "{Folds} splits, {Epochs} epochs trained in all; kept the model of {Split}: {Why}")]
    private partial void LogFolds(int folds, int epochs, string split, string why);
}
