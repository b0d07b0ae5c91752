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
    private static readonly string[] ExperimentKeys =
        ["Name", "Description", "Seed", "Data", "Preprocessing", "Augmentation", "Validation", "Model", "Loss", "Optimizer", "Metrics", "Training", "Charts", "Output"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Runs the experiment in <paramref name="experiment"/> (the <c>Experiment</c> section).</summary>
    /// <param name="experiment">The experiment section.</param>
    /// <param name="contentRoot">Relative paths (data, runs, models) resolve against it.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public RunResult Run(IConfigurationSection experiment, string contentRoot, CancellationToken cancellationToken)
    {
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
        var charts = problems.Try(() => OptionsBinder.Bind<ChartSettings>(Section(experiment, "Charts"), experiment.Path + ":Charts", "Charts"));
        var output = problems.Try(() => OptionsBinder.Bind<OutputSettings>(Section(experiment, "Output"), experiment.Path + ":Output", "Output"));

        ComponentSpec dataSpec = problems.Try(() => ComponentSpec.Read(experiment.GetSection("Data"), "data source"));
        ComponentSpec validationSpec = problems.Try(() => ComponentSpec.Read(experiment.GetSection("Validation"), "validator", "holdout"));
        ComponentSpec lossSpec = problems.Try(() => ComponentSpec.Read(experiment.GetSection("Loss"), "loss"));
        ComponentSpec optimizerSpec = problems.Try(() => ComponentSpec.Read(experiment.GetSection("Optimizer"), "optimizer", "adam"));
        var builder = new ModelBuilder(registry);
        IReadOnlyList<LayerDefinition> layers = problems.Try(() => builder.Read(experiment.GetSection("Model:Layers")));
        IChartRenderer? renderer = !Missing(charts) && charts.Enabled
            ? problems.Try(() => Create<IChartRenderer>(new ComponentSpec(charts.Renderer, null, experiment.Path + ":Charts:Renderer")).Component)
            : null;
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
        problems.ThrowIfAny();

        var seeds = new SeedSequence(settings.Seed);
        string name = settings.Name;
        LogStarting(name, settings.Seed);

        // 2. Data.
        var clock = Stopwatch.StartNew();
        DataSet data = source.Load(new DataLoadContext(contentRoot, seeds.Next("data"), dataSpec.ConfigPath), cancellationToken);
        if (data.Count == 0) throw new DataFormatException(data.Source, "the data source returned no samples.");
        LogDataLoaded(data.Count, data.FeatureShape.ToString(), data.TargetSize, data.Test?.Count ?? 0, data.Source, clock.Elapsed.TotalSeconds);
        if (metricSpecs.Count == 0)
            metricSpecs.Add(new ComponentSpec(data.IsClassification ? "accuracy" : "r2", null, metricsSection.Path));
        if (data.Test is { } predefined && (predefined.FeatureShape != data.FeatureShape || predefined.TargetSize != data.TargetSize))
            throw new DataFormatException(predefined.Source,
                $"test samples have shape {predefined.FeatureShape} with {predefined.TargetSize} targets; training samples {data.FeatureShape} with {data.TargetSize}.");

        int[]? labels = data.IsClassification ? data.Labels() : null;
        var weightedLoss = loss.Component as IClassWeightedLoss;
        string classWeightsKey = lossSpec.ConfigPath + ":ClassWeights";
        if (weightedLoss?.ClassWeights is { } classWeights)
        {
            if (data.ClassNames is null)
                throw new ConfigurationException(classWeightsKey, $"class weights need classification data, but {data.Source} is regression.");
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
        ulong augmentationKey = CounterRandom.Key((ulong)(uint)settings.Seed, "augmentation");
        // Targets as the loss asks for them (binary cross-entropy: one 0/1 column for two classes); sizes the output.
        ISampleSet samples = ClassTargetSampleSet.For(data, loss.Component);
        ISampleSet? testSamples = data.Test is { } predefinedTest ? ClassTargetSampleSet.For(predefinedTest, loss.Component) : null;
        var folds = new List<FoldOutcome>();
        foreach (DataSplit split in splits)
        {
            if (split.Train.Length == 0) throw new ConfigurationException(validationSpec.ConfigPath, $"split '{split.Name}' has no training samples.");
            FeatureNormalizer normalizer = FeatureNormalizer.Fit(preprocessing.Normalize, scope, data.Samples, split.Train);
            SequentialModel model = builder.Build(layers, data.FeatureShape, samples.TargetShape.Size, training.BatchSize, seeds.Next("init:" + split.Name));
            IOptimizer optimizer = Create<IOptimizer>(optimizerSpec).Component;
            NamedMetric[] metrics = CreateMetrics(metricSpecs);
            IAugmentation[] augmentations = augmentationSpecs.Select(a => Create<IAugmentation>(a).Component).ToArray();
            if (weightedLoss?.ClassWeights is { } splitWeights) // balanced weights count this split's training rows
                weightedLoss.UseClassWeights(ClassWeighting.Resolve(splitWeights, data.ClassNames!, labels!, split.Train, classWeightsKey));
            using var trainer = new Trainer(model, loss.Component, optimizer, metrics, training, normalizer, augmentations, CounterRandom.Key(augmentationKey, split.Name));
            if (split == splits[0]) LogModel(model.ParameterCount, string.Join(" → ", model.Specs.Select(s => s.Name)), trainer.IsFused);

            Random shuffle = seeds.Next("shuffle:" + split.Name);
            var history = new List<EpochRecord>();
            double trainSeconds = 0;
            int[] trainIndices = (int[])split.Train.Clone();
            long maxAllocatedPerEpoch = 0;
            EvaluationResult? validation = null;
            for (int epoch = 1; epoch <= training.Epochs; epoch++)
            {
                long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var (trainLoss, trainMetrics, seconds) = trainer.TrainEpoch(samples, trainIndices, epoch, shuffle, cancellationToken);
                long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                if (epoch > 1) maxAllocatedPerEpoch = Math.Max(maxAllocatedPerEpoch, allocated);
                trainSeconds += seconds;
                validation = trainer.Evaluate(samples, split.Validation);
                history.Add(new EpochRecord(epoch, trainLoss, trainMetrics, validation.Loss, validation.Metrics, seconds));
                LogEpoch(split.Name, epoch, training.Epochs, trainLoss, Format(trainMetrics), validation.Loss, Format(validation.Metrics), seconds);
            }

            // The last epoch's validation is the final one: the model has not changed since.
            EvaluationResult finalValidation = validation ?? trainer.Evaluate(samples, split.Validation);
            var testClock = Stopwatch.StartNew();
            EvaluationResult test = testSamples is not null
                ? trainer.Evaluate(testSamples, Enumerable.Range(0, testSamples.Count).ToArray())
                : trainer.Evaluate(samples, split.Test);
            double testSeconds = testClock.Elapsed.TotalSeconds;
            folds.Add(new FoldOutcome(split, model, normalizer, history, trainSeconds, (long)split.Train.Length * training.Epochs, finalValidation, test, testSeconds,
                training.Epochs > 1 ? maxAllocatedPerEpoch : null));
        }

        // 4. Outputs, staged.
        FoldOutcome best = folds.OrderBy(f => f.Validation.Samples > 0 ? f.Validation.Loss : f.Test.Loss).First();
        JsonObject report = BuildReport(settings, data, folds, best, training, loss.Name);
        string runDir = Path.GetFullPath(Path.Combine(contentRoot, output.RunsDirectory, name));
        string modelDir = Path.GetFullPath(Path.Combine(contentRoot, output.ModelsDirectory, name));
        WriteOutputs(runDir, modelDir, report, best, data, renderer, charts, loss.Name, name);
        LogFinished(name, runDir, modelDir);
        return new RunResult(name, report, runDir, modelDir);
    }

    /// <summary>Whether a start-up check failed (its problem recorded), so checks that need its result are skipped.</summary>
    private static bool Missing(object? result) => result is null;

    private ComponentInstance<T> Create<T>(ComponentSpec spec) where T : class
        => registry.Create<T>(spec.Name, spec.Options, spec.ConfigPath, ComponentSpec.ReservedKeys);

    private NamedMetric[] CreateMetrics(IReadOnlyList<ComponentSpec> specs)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "loss" };
        var metrics = new NamedMetric[specs.Count];
        for (int i = 0; i < specs.Count; i++)
        {
            ComponentInstance<IMetric> created = Create<IMetric>(specs[i]);
            string metricName = created.Name;
            for (int k = 2; !used.Add(metricName); k++) metricName = $"{created.Name}_{k}";
            metrics[i] = new NamedMetric(metricName, created.Component);
        }
        return metrics;
    }

    private static IConfigurationSection? Section(IConfigurationSection parent, string key)
    {
        IConfigurationSection s = parent.GetSection(key);
        return s.Exists() ? s : null;
    }

    private static string Format(IReadOnlyDictionary<string, double> metrics)
        => string.Join("  ", metrics.Select(m => $"{m.Key} {m.Value.ToString("F4", CultureInfo.InvariantCulture)}"));

    private static JsonObject BuildReport(ExperimentSettings settings, DataSet data, List<FoldOutcome> folds, FoldOutcome best, TrainingSettings training, string lossName)
    {
        static JsonObject Map(IReadOnlyDictionary<string, double> values)
        {
            var o = new JsonObject();
            foreach (var (k, v) in values) o[k] = double.IsFinite(v) ? v : null;
            return o;
        }

        static JsonObject Fold(FoldOutcome f) => new()
        {
            ["split"] = f.Split.Name,
            ["train_samples"] = f.Split.Train.Length,
            ["validation_samples"] = f.Split.Validation.Length,
            ["test_samples"] = f.Test.Samples,
            ["validation"] = Map(f.Validation.ToDictionary()),
            ["test"] = Map(f.Test.ToDictionary()),
        };

        double seconds = folds.Sum(f => f.TrainSeconds);
        long samples = folds.Sum(f => f.SamplesTrained);
        var report = new JsonObject
        {
            ["experiment"] = settings.Name,
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
            ["validation"] = Map(best.Validation.ToDictionary()),
            ["test"] = Map(best.Test.ToDictionary()),
            ["history"] = new JsonArray(best.History.Select(h => (JsonNode)new JsonObject
            {
                ["epoch"] = h.Epoch,
                ["train"] = Map(new Dictionary<string, double>(h.TrainMetrics) { ["loss"] = h.TrainLoss }),
                ["validation"] = Map(new Dictionary<string, double>(h.ValidationMetrics) { ["loss"] = h.ValidationLoss }),
                ["seconds"] = Math.Round(h.TrainSeconds, 4),
            }).ToArray()),
        };
        if (folds.Count > 1)
        {
            report["folds"] = new JsonArray(folds.Select(f => (JsonNode)Fold(f)).ToArray());
            var mean = new JsonObject();
            foreach (string key in best.Validation.ToDictionary().Keys)
            {
                double[] v = folds.Select(f => f.Validation.ToDictionary().GetValueOrDefault(key, double.NaN)).ToArray();
                double m = v.Average();
                mean[key] = new JsonObject { ["mean"] = m, ["std"] = Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / v.Length) };
            }
            report["cross_validation"] = mean;
            report["saved_split"] = best.Split.Name;
        }
        return report;
    }

    private static long DataBytes(DataSet data)
        => ((long)data.FeatureShape.Size + data.TargetSize) * data.Count * sizeof(float) + (data.Test is { } t ? DataBytes(t) : 0);

    private void WriteOutputs(string runDir, string modelDir, JsonObject report, FoldOutcome best, DataSet data,
        IChartRenderer? renderer, ChartSettings charts, string lossName, string name)
    {
        // Everything for runs/<name> is produced in a staging folder first; a failed chart leaves nothing behind.
        string staging = Path.Combine(Path.GetDirectoryName(runDir)!, $".{name}.staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            File.WriteAllText(Path.Combine(staging, "report.json"), report.ToJsonString(Indented));
            if (renderer is not null)
            {
                var chartWriter = new ChartWriter(renderer);
                chartWriter.WriteLearningCurves(staging, best.History, name);
                if (charts.DecisionBoundary && data.IsClassification && data.FeatureShape.Size == 2 && data.Samples is TensorSampleSet)
                    chartWriter.WriteDecisionRegions(staging, best.Model, best.Normalizer, data, best.Split, name);
            }

            var metadata = new ModelMetadata(name, data.ClassNames, data.FeatureNames,
                new Dictionary<string, IReadOnlyDictionary<string, double>>
                {
                    ["validation"] = best.Validation.ToDictionary(),
                    ["test"] = best.Test.ToDictionary(),
                }, lossName);
            new ModelStore(registry).Save(modelDir, best.Model, metadata, best.Normalizer);

            Directory.CreateDirectory(runDir);
            foreach (string file in Directory.GetFiles(staging).Order(StringComparer.Ordinal))
                File.Move(file, Path.Combine(runDir, Path.GetFileName(file)), overwrite: true);
        }
        finally
        {
            try { Directory.Delete(staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private sealed record FoldOutcome(DataSplit Split, SequentialModel Model, FeatureNormalizer Normalizer, List<EpochRecord> History,
        double TrainSeconds, long SamplesTrained, EvaluationResult Validation, EvaluationResult Test, double TestSeconds, long? AllocatedBytesPerEpoch);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Experiment {Name} (seed {Seed})")]
    private partial void LogStarting(string name, int seed);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Data: {Samples} samples of {Shape} → {Outputs} outputs, {TestSamples} predefined test samples, from {Source} ({Seconds:F2} s)")]
    private partial void LogDataLoaded(int samples, string shape, int outputs, int testSamples, string source, double seconds);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Model: {Parameters} parameters, {Layers}; loss fused with final activation: {Fused}")]
    private partial void LogModel(long parameters, string layers, bool fused);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "[{Split}] epoch {Epoch}/{Epochs}  loss {Loss:F4}  {Metrics}  |  val loss {ValLoss:F4}  {ValMetrics}  ({Seconds:F2} s)")]
    private partial void LogEpoch(string split, int epoch, int epochs, double loss, string metrics, double valLoss, string valMetrics, double seconds);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Experiment {Name} done: report and charts in {RunDirectory}, model in {ModelDirectory}")]
    private partial void LogFinished(string name, string runDirectory, string modelDirectory);
}
