using Microsoft.Extensions.Configuration;
using NeuralNet.Data;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Losses;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Pipeline;

/// <summary>
/// <c>--Host:GradientCheck=true</c>: builds the configured model on the configured data, as a run would (same seed,
/// normalisation fitted on the data, targets as the loss reads them), and checks its gradients on a few samples
/// spread evenly over the data set with <see cref="ModelGradientCheck"/>, without training or writing anything.
/// </summary>
public sealed class GradientCheckRunner(ComponentRegistry registry)
{
    /// <summary>Samples in the checked batch.</summary>
    public const int Samples = 4;

    /// <summary>Checks the experiment's model; returns the worst relative error of each parameter, layer by layer.</summary>
    public IReadOnlyList<ModelGradientCheck.Result> Run(IConfigurationSection experiment, string contentRoot, CancellationToken cancellationToken)
    {
        var settings = OptionsBinder.Bind<ExperimentSettings>(experiment, experiment.Path, "the experiment",
            new HashSet<string>(experiment.GetChildren().Select(c => c.Key).Except(["Name", "Description", "Seed"], StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase));
        var preprocessing = OptionsBinder.Bind<PreprocessingSettings>(Section(experiment, "Preprocessing"), experiment.Path + ":Preprocessing", "Preprocessing");
        ComponentSpec dataSpec = ComponentSpec.Read(experiment.GetSection("Data"), "data source");
        ComponentSpec lossSpec = ComponentSpec.Read(experiment.GetSection("Loss"), "loss");
        var builder = new ModelBuilder(registry);
        IReadOnlyList<LayerDefinition> layers = builder.Read(experiment.GetSection("Model:Layers"));
        IDataSource source = registry.Create<IDataSource>(dataSpec.Name, dataSpec.Options, dataSpec.ConfigPath, ComponentSpec.ReservedKeys).Component;
        ILoss loss = registry.Create<ILoss>(lossSpec.Name, lossSpec.Options, lossSpec.ConfigPath, ComponentSpec.ReservedKeys).Component;

        var seeds = new SeedSequence(settings.Seed);
        DataSet data = source.Load(new DataLoadContext(contentRoot, seeds.Next("data"), dataSpec.ConfigPath), cancellationToken);
        if (data.Count == 0) throw new DataFormatException(data.Source, "the data source returned no samples.");
        ISampleSet samples = ClassTargetSampleSet.For(data, loss, lossSpec.ConfigPath);
        int[] all = Enumerable.Range(0, data.Count).ToArray();
        FeatureNormalizer normalizer;
        try
        {
            normalizer = FeatureNormalizer.Fit(preprocessing.Normalize, FeatureNormalizer.ScopeFor(preprocessing.Per, data.FeatureShape), samples, all);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException(experiment.Path + ":Preprocessing:Per", e.Message, e);
        }

        int n = Math.Min(Samples, data.Count);
        SequentialModel model = builder.Build(layers, data.FeatureShape, ClassTargetSampleSet.OutputWidth(data, loss), n, seeds.Next("init:gradient-check"));
        var x = new Tensor(n, data.FeatureShape);
        var y = new Tensor(n, samples.TargetShape);
        int[] spread = Enumerable.Range(0, n).Select(k => (int)((long)k * data.Count / n)).ToArray(); // across the set: several classes
        samples.Read(spread, x.Span, y.Span);
        normalizer.Apply(x);
        return ModelGradientCheck.Check(model, loss, x, y);
    }

    private static IConfigurationSection? Section(IConfigurationSection experiment, string key)
    {
        IConfigurationSection s = experiment.GetSection(key);
        return s.Exists() ? s : null;
    }
}
