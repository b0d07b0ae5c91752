using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Losses;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Host.Commands;

/// <summary>
/// <c>evaluate --model DIR [--experiment FILE] [--Experiment:Data:...=...]</c>: the loss and metrics of a saved
/// model on a data set (the experiment's <c>Data</c> section: its test partition when it has one, else every sample),
/// with the saved preprocessing, in evaluation mode; nothing is trained. <c>--report FILE</c> also writes them as JSON.
/// </summary>
public sealed class EvaluateCommand : Command
{
    private const int BatchSize = 256;
    private readonly Option<string> _model = CommandSupport.ModelOption();
    private readonly Option<string?> _experiment = CommandSupport.ExperimentOption();
    private readonly Option<string?> _report = new("--report") { Description = "Also write the results as JSON to this file.", HelpName = "FILE" };
    private readonly Option<string> _format = CommandSupport.FormatOption();

    public EvaluateCommand() : base("evaluate", "Loss and metrics of a saved model on a data set (the experiment's Data section, or --Experiment:Data:...=... overrides), without training.")
    {
        Options.Add(_model);
        Options.Add(_experiment);
        Options.Add(_report);
        Options.Add(_format);
        CommandSupport.AcceptOverrides(this);
        SetAction((result, cancellationToken) => Task.FromResult(CommandSupport.Guard(() =>
        {
            using IHost host = CommandSupport.BuildServices(CommandSupport.Request(result, _experiment));
            ComponentRegistry registry = CommandSupport.Registry(host);
            string contentRoot = CommandSupport.ContentRootOf(host);
            string modelDir = CommandSupport.ModelDirectory(result.GetRequiredValue(_model), contentRoot);
            string? reportPath = result.GetValue(_report) is { } r ? Path.GetFullPath(r) : null;
            if (reportPath is not null && !Directory.Exists(Path.GetDirectoryName(reportPath)))
                throw new ConfigurationException("--report", $"folder {Path.GetDirectoryName(reportPath)} does not exist.");
            IConfigurationSection experiment = host.Services.GetRequiredService<IConfiguration>().GetSection("Experiment");

            SavedModel saved = new ModelStore(registry).Load(modelDir, BatchSize);
            ComponentSpec dataSpec = ComponentSpec.Read(experiment.GetSection("Data"), "data source");
            IDataSource source = registry.Create<IDataSource>(dataSpec.Name, dataSpec.Options, dataSpec.ConfigPath, ComponentSpec.ReservedKeys).Component;
            var loss = registry.Create<ILoss>(saved.Metadata.Loss, null, Path.Combine(modelDir, ModelStore.ModelFile) + ": loss").Component;
            var metricSpecs = experiment.GetSection("Metrics").GetChildren().Select(c => ComponentSpec.Read(c, "metric")).ToList();
            if (metricSpecs.Count == 0
                && registry.DefaultName<IMetric>(saved.Metadata.ClassNames is null ? ComponentDefaults.Regression : ComponentDefaults.Classification) is { } metricName)
                metricSpecs.Add(new ComponentSpec(metricName, null, experiment.Path + ":Metrics"));
            // The saved columns: a csv file is encoded with the training categories (an unknown one is a data error).
            DataSet all = source.Load(new DataLoadContext(contentRoot, new Random(0), dataSpec.ConfigPath) { Columns = saved.Metadata.Columns }, cancellationToken);
            DataSet data = all.Test ?? all;
            CheckCompatible(saved, data, loss, modelDir);
            ISampleSet samples = ClassTargetSampleSet.For(data, loss); // targets as the loss reads them (one column, class indices)
            var metrics = metricSpecs.Select(s => registry.Create<IMetric>(s.Name, s.Options, s.ConfigPath, ComponentSpec.ReservedKeys))
                .Select(m => saved.Normalizer.Targets is { } scaler ? m with { Component = new TargetScaledMetric(m.Component, scaler) } : m) // metrics in the data's units
                .Select(m => m with { Component = ClassIndexTargetMetric.For(m.Component, loss, data.TargetSize) }) // and one-hot rows
                .ToArray();

            double lossSum = 0;
            foreach (var m in metrics) m.Component.Reset();
            int[] indices = Enumerable.Range(0, data.Count).ToArray();
            using (var loader = new BatchLoader(saved.Model.InputShape, samples.TargetShape, BatchSize, saved.Normalizer))
            {
                loader.Begin(samples, indices, indices.Length, epoch: 0, augment: false);
                while (loader.Next(out Tensor x, out Tensor y, out _))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Tensor predictions = saved.Model.Predict(x);
                    lossSum += (double)loss.Forward(predictions, y) * x.BatchSize;
                    foreach (var m in metrics) m.Component.Update(predictions, y);
                }
            }
            var values = new JsonObject { ["loss"] = data.Count == 0 ? null : lossSum / data.Count };
            foreach (var m in metrics) values[m.Name] = m.Component.Result() is var v && double.IsFinite(v) ? v : null;
            var report = new JsonObject
            {
                ["model"] = modelDir,
                ["experiment"] = saved.Metadata.Experiment,
                ["data"] = data.Source,
                ["part"] = all.Test is null ? "all" : "test",
                ["samples"] = data.Count,
                ["metrics"] = values,
            };
            if (reportPath is not null) AtomicFile.WriteAllText(reportPath, report.ToJsonString(new() { WriteIndented = true }));
            if (result.GetValue(_format) == "json")
                Console.Out.WriteLine(report.ToJsonString());
            else
            {
                Console.Out.WriteLine($"  {saved.Metadata.Experiment} on {data.Count} samples ({report["part"]}) of {data.Source}");
                foreach (var (name, value) in values)
                    Console.Out.WriteLine($"  {name,-12} {(value is null ? "-" : value.GetValue<double>().ToString("F4", CultureInfo.InvariantCulture)),10}");
            }
            return ExitCodes.Success;
        })));
    }

    /// <summary>The data must have the model's input shape, output width and (for classifiers) the same classes in the same order.</summary>
    private static void CheckCompatible(SavedModel saved, DataSet data, ILoss loss, string modelDir)
    {
        // The outputs the data needs under the model's loss: one for two classes under binary cross-entropy.
        int outputs = ClassTargetSampleSet.OutputWidth(data, loss);
        if (data.FeatureShape != saved.Model.InputShape || outputs != saved.Model.OutputShape.Size)
            throw new DataFormatException(data.Source,
                $"samples are {data.FeatureShape} with {data.TargetSize} targets ({outputs} outputs); the model in {modelDir} takes {saved.Model.InputShape} and has {saved.Model.OutputShape.Size} outputs.");
        if (saved.Metadata.ClassNames is { } classes && data.ClassNames is { } dataClasses && !classes.SequenceEqual(dataClasses))
            throw new DataFormatException(data.Source,
                $"classes are [{Quote.Short(string.Join(", ", dataClasses))}]; the model was trained on [{Quote.Short(string.Join(", ", classes))}].");
    }
}
