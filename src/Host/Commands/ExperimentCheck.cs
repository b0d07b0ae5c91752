using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralNet.Components;
using NeuralNet.Augmentation;
using NeuralNet.Data;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Losses;
using NeuralNet.Metrics;
using NeuralNet.Optimizers;
using NeuralNet.Validation;

namespace NeuralNet.Host.Commands;

/// <summary>
/// Checks an experiment section without training, collecting every problem instead of stopping at the first: each
/// key, setting and component (name and options) separately, then, when all of them are right, the data (loaded)
/// and the model (built for the data's shape). What <c>validate</c> reports and <c>summary --experiment</c> builds.
/// </summary>
public sealed class ExperimentCheck(ComponentRegistry registry, IConfigurationSection experiment, string contentRoot)
{
    private readonly List<string> _problems = [];

    /// <summary>Every problem found, in the order of the experiment's sections.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The layers read from <c>Model</c>, when they are valid.</summary>
    public IReadOnlyList<LayerDefinition>? Layers { get; private set; }

    /// <summary>The data set, when the configuration was valid and the data loaded.</summary>
    public DataSet? Data { get; private set; }

    /// <summary>Checks the configuration; then, if it is valid and <paramref name="loadData"/>, loads the data and builds the model.</summary>
    public SequentialModel? Run(bool loadData, CancellationToken cancellationToken)
    {
        if (!experiment.GetChildren().Any())
        {
            _problems.Add($"{experiment.Path}: missing: the experiment (config/appsettings.json, or --experiment <file>).");
            return null;
        }
        var sections = new HashSet<string>(ExperimentRunner.ExperimentKeys.Except(["Name", "Description", "Seed"]), StringComparer.OrdinalIgnoreCase);
        foreach (IConfigurationSection child in experiment.GetChildren())
            if (!ExperimentRunner.ExperimentKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                _problems.Add($"{child.Path}: unknown key. Valid keys of {experiment.Path}: {string.Join(", ", ExperimentRunner.ExperimentKeys)}.");
        ExperimentSettings? settings = Check(() => OptionsBinder.Bind<ExperimentSettings>(experiment, experiment.Path, "the experiment", sections));
        TrainingSettings? training = Check(() => OptionsBinder.Bind<TrainingSettings>(Section("Training"), experiment.Path + ":Training", "Training"));
        PreprocessingSettings? preprocessing = Check(() => OptionsBinder.Bind<PreprocessingSettings>(Section("Preprocessing"), experiment.Path + ":Preprocessing", "Preprocessing"));
        ChartSettings? charts = Check(() => OptionsBinder.Bind<ChartSettings>(Section("Charts"), experiment.Path + ":Charts", "Charts", new HashSet<string>(["Kinds"], StringComparer.OrdinalIgnoreCase)));
        OutputSettings? output = Check(() => OptionsBinder.Bind<OutputSettings>(Section("Output"), experiment.Path + ":Output", "Output"));
        if (output is not null) Check(() => OutputLocations.Check(output, contentRoot, experiment.Path + ":Output"));

        ComponentSpec? dataSpec = Check(() => ComponentSpec.Read(experiment.GetSection("Data"), "data source"));
        IDataSource? source = dataSpec is null ? null : Check(() => Create<IDataSource>(dataSpec));
        Check(() => Create<ICrossValidator>(ComponentSpec.Read(experiment.GetSection("Validation"), "validator", registry.DefaultName<ICrossValidator>())));
        ComponentSpec? lossSpec = Check(() => ComponentSpec.Read(experiment.GetSection("Loss"), "loss"));
        ILoss? loss = lossSpec is null ? null : Check(() => Create<ILoss>(lossSpec));
        Check(() => Create<IOptimizer>(ComponentSpec.Read(experiment.GetSection("Optimizer"), "optimizer", registry.DefaultName<IOptimizer>())));
        foreach (IConfigurationSection metric in experiment.GetSection("Metrics").GetChildren())
            Check(() => Create<IMetric>(ComponentSpec.Read(metric, "metric")));
        foreach (IConfigurationSection augmentation in experiment.GetSection("Augmentation").GetChildren())
            Check(() => Create<IAugmentation>(ComponentSpec.Read(augmentation, "augmentation")));
        ChartStage? chartStage = charts is null ? null : Check(() => ChartStage.Resolve(registry, charts, experiment.GetSection("Charts:Kinds"), NullLogger.Instance));
        var builder = new ModelBuilder(registry);
        Layers = Check(() => builder.ReadModel(experiment.GetSection("Model")));

        if (_problems.Count > 0 || !loadData || source is null || settings is null || training is null || preprocessing is null || Layers is null || loss is null)
            return null;
        var seeds = new SeedSequence(settings.Seed);
        Data = Check(() => source.Load(new DataLoadContext(contentRoot, seeds.Next("data"), dataSpec!.ConfigPath), cancellationToken));
        if (Data is null) return null;
        if (Data.Count == 0 || Data.ClassNames is { Count: < 2 })
        {
            _problems.Add($"{Data.Source}: {(Data.Count == 0 ? "the data source returned no samples" : "a single class: a classifier needs at least two")}.");
            return null;
        }
        if (chartStage is not null) _problems.AddRange(chartStage.SelectFor(TaskDetection.Of(Data), Data.FeatureShape, Data.TargetSize));
        Check(() => ClassTargetSampleSet.For(Data, loss, lossSpec!.ConfigPath)); // a class-index loss needs single-label classes
        // The output width as a run sizes it: one output for two classes under binary cross-entropy.
        return Check(() => builder.Build(Layers, Data.FeatureShape, ClassTargetSampleSet.OutputWidth(Data, loss), training.BatchSize, seeds.Next("init"), training: false));
    }

    private T Create<T>(ComponentSpec spec) where T : class
        => registry.Create<T>(spec.Name, spec.Options, spec.ConfigPath, ComponentSpec.ReservedKeys).Component;

    private IConfigurationSection? Section(string key)
    {
        IConfigurationSection s = experiment.GetSection(key);
        return s.Exists() ? s : null;
    }

    private T? Check<T>(Func<T> step) where T : class
    {
        try
        {
            return step();
        }
        catch (NeuralNetException e)
        {
            _problems.Add(e.Message);
            return null;
        }
    }

    private void Check(Action step) => Check(() => { step(); return this; });
}
