using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>The host as users run it: a separate process on the default config, in a content root of its own.</summary>
[NonParallelizable]
public sealed class HostEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private TempDirectory _root = null!;
    private HostProcess.Result _run = null!;

    [OneTimeSetUp]
    public void RunDefaultExperiment()
    {
        _root = HostProcess.NewContentRoot();
        _run = HostProcess.Run(_root.Path, Timeout);
    }

    [OneTimeTearDown]
    public void Cleanup() => _root.Dispose();

    private string RunDir => _root.Combine("runs", "spiral", "latest");

    private string ModelDir => _root.Combine("models", "spiral");

    private JsonObject Report => JsonNode.Parse(File.ReadAllText(Path.Combine(RunDir, "report.json")))!.AsObject();

    [Test]
    public void DefaultConfig_ExitsZero_AndPrintsTheSummary()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.All);
        Assert.That(_run.StandardOutput, Does.Contain("accuracy").And.Contain("validation").And.Contain("test"));
    }

    [Test]
    public void DefaultConfig_ReachesTheAccuracyBar()
    {
        double accuracy = Report["test"]!["accuracy"]!.GetValue<double>();
        Assert.That(accuracy, Is.GreaterThanOrEqualTo(0.97), _run.All);
    }

    [Test]
    public void Report_HasTheDocumentedFields()
    {
        JsonObject report = Report;
        Assert.That(report["experiment"]!.GetValue<string>(), Is.EqualTo("spiral"));
        JsonObject train = report["train"]!.AsObject();
        Assert.That(train["epochs"]!.GetValue<int>(), Is.EqualTo(40));
        Assert.That(train["seconds"]!.GetValue<double>(), Is.GreaterThan(0));
        Assert.That(train["samples_per_second"]!.GetValue<double>(), Is.GreaterThan(0));
        foreach (string part in new[] { "validation", "test" })
        {
            Assert.That(report[part]!["accuracy"]!.GetValue<double>(), Is.InRange(0, 1), part);
            Assert.That(report[part]!["loss"]!.GetValue<double>(), Is.GreaterThan(0), part);
        }
        JsonArray history = report["history"]!.AsArray();
        Assert.That(history, Has.Count.EqualTo(40));
        JsonNode first = history[0]!, last = history[^1]!;
        Assert.That(first["epoch"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(last["train"]!["loss"]!.GetValue<double>(), Is.LessThan(first["train"]!["loss"]!.GetValue<double>()), "Training loss did not fall.");
        Assert.That(last["validation"]!["accuracy"]!.GetValue<double>(), Is.GreaterThan(0.9));
        Assert.That(report["data"]!["samples"]!.GetValue<int>(), Is.EqualTo(1500));
    }

    [Test]
    public void Charts_ByDefaultEveryOneThatFitsAClassifierOnTwoInputs_AreValidPngsWithContent()
    {
        string[] charts = ["loss.png", "accuracy.png", "confusion.png", "confusion_normalized.png", "class_scores.png", "roc.png", "precision_recall.png", "decision_regions.png"];
        foreach (string chart in charts)
            PngFile.AssertValid(Path.Combine(RunDir, chart));
        Assert.That(Directory.GetDirectories(RunDir).Select(Path.GetFileName), Has.None.StartsWith(".chart-"), "A chart's staging folder was left behind.");
        Assert.That(Directory.GetFiles(RunDir).Select(Path.GetFileName), Is.EquivalentTo(charts.Concat(["report.json", "run.json", "config.json"])),
            "Unexpected or temporary files in the run folder.");
    }

    [Test]
    public void Report_HasPerClassScoresAndTheConfusionMatrixOfTheTestSet()
    {
        JsonObject report = Report;
        JsonObject classes = report["classes"]!.AsObject();
        Assert.That(classes.Select(c => c.Key), Is.EqualTo(new[] { "c1", "c2", "c3" }));
        long support = classes.Sum(c => c.Value!["support"]!.GetValue<long>());
        Assert.That(report["classes_evaluated_on"]!.GetValue<string>(), Is.EqualTo("test"));
        JsonArray matrix = report["confusion_matrix"]!["matrix"]!.AsArray();
        long total = matrix.Sum(row => row!.AsArray().Sum(v => v!.GetValue<long>()));
        long diagonal = Enumerable.Range(0, 3).Sum(i => matrix[i]![i]!.GetValue<long>());
        Assert.That(total, Is.EqualTo(support));
        Assert.That(total, Is.EqualTo(report["inference"]!["samples"]!.GetValue<long>()));
        Assert.That((double)diagonal / total, Is.EqualTo(report["test"]!["accuracy"]!.GetValue<double>()).Within(1e-12));
        Assert.That(_run.All, Does.Contain("precision").And.Contain("macro avg").And.Contain("weighted avg"), "The per-class table was not printed.");
    }

    [Test]
    public void Model_ReloadsAndPredictsTheSameTestAccuracy()
    {
        JsonObject model = JsonNode.Parse(File.ReadAllText(Path.Combine(ModelDir, "model.json")))!.AsObject();
        Assert.That(model["class_names"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "c1", "c2", "c3" }));
        Assert.That(model["weights"]!["sha256"]!.GetValue<string>(), Has.Length.EqualTo(64));
        Assert.That(model["layers"]!.AsArray()[0]!["type"]!.GetValue<string>(), Is.EqualTo("dense"));

        SavedModel saved = new ModelStore(TestPaths.BuiltInRegistry()).Load(ModelDir, 1024);

        // Regenerate the same data and split through the same components and seeds, then predict with the reloaded model.
        var registry = TestPaths.BuiltInRegistry();
        var (features, labels, test) = SpiralTestSet(registry);
        var x = new Tensor(test.Length, saved.Model.InputShape);
        NeuralNet.Kernels.Rows.Gather(features.ReadOnlySpan, 2, test, x.Buffer);
        saved.Normalizer.Apply(x);
        Tensor p = saved.Model.Predict(x);
        var predicted = new int[test.Length];
        NeuralNet.Kernels.Rows.ArgMax(p.ReadOnlySpan, test.Length, p.SampleSize, predicted);
        double accuracy = test.Select((row, i) => predicted[i] == labels[row] ? 1.0 : 0.0).Average();

        Assert.That(accuracy, Is.EqualTo(Report["test"]!["accuracy"]!.GetValue<double>()).Within(1e-9));
    }

    private static (Tensor Features, int[] Labels, int[] Test) SpiralTestSet(NeuralNet.Engine.Components.ComponentRegistry registry)
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddJsonFile(NeuralNet.Testing.RepoPaths.Combine("config", "appsettings.json")).Build();
        var experiment = config.GetSection("Experiment");
        var seeds = new NeuralNet.Engine.Pipeline.SeedSequence(int.Parse(experiment["Seed"]!, System.Globalization.CultureInfo.InvariantCulture));
        var dataSpec = NeuralNet.Engine.Configuration.ComponentSpec.Read(experiment.GetSection("Data"), "data source");
        var source = registry.Create<NeuralNet.Data.IDataSource>(dataSpec.Name, dataSpec.Options, dataSpec.ConfigPath, NeuralNet.Engine.Configuration.ComponentSpec.ReservedKeys).Component;
        var data = source.Load(new NeuralNet.Data.DataLoadContext(".", seeds.Next("data"), "Experiment:Data"), CancellationToken.None);
        var validationSpec = NeuralNet.Engine.Configuration.ComponentSpec.Read(experiment.GetSection("Validation"), "validator");
        var validator = registry.Create<NeuralNet.Validation.ICrossValidator>(validationSpec.Name, validationSpec.Options, validationSpec.ConfigPath, NeuralNet.Engine.Configuration.ComponentSpec.ReservedKeys).Component;
        var split = validator.Split(new NeuralNet.Validation.SplitRequest(data.Count, data.Labels(), false, seeds.Next("split")))[0];
        return (data.Features, data.Labels(), split.Test);
    }
}
