using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using NeuralNet.Data;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>
/// Multi-output regression as scikit-learn ships such data (gzip, whitespace-separated, its two-line header, targets
/// in a second file) with the targets standardised for training: metrics and the reloaded model's predictions come
/// back in the data's units.
/// </summary>
[NonParallelizable]
public sealed class HostRegressionDataTests
{
    private const int Seed = 3;
    private const int Rows = 500;
    private TempDirectory _root = null!;
    private HostProcess.Result _run = null!;

    [OneTimeSetUp]
    public void Train()
    {
        _root = HostProcess.NewContentRoot();
        var random = new Random(9);
        var x = new StringBuilder($"{Rows} 2\nx1 x2\n");
        var y = new StringBuilder("u v\n");
        for (int i = 0; i < Rows; i++)
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;
            x.Append(CultureInfo.InvariantCulture, $"  {a:F4}\t{b:F4}\n");
            y.Append(CultureInfo.InvariantCulture, $"{300 + 100 * a - 50 * b * b:F3} {20 * Math.Sin(3 * b) + 5 * a:F3}\n");
        }
        using (var file = File.Create(_root.Combine("x.csv.gz")))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            gzip.Write(Encoding.UTF8.GetBytes(x.ToString()));
        File.WriteAllText(_root.Combine("y.csv"), y.ToString());
        File.WriteAllText(_root.Combine("reg.json"), """
            {
              "Experiment": {
                "Name": "reg", "Seed": 3,
                "Data": { "Type": "csv", "Path": "x.csv.gz", "Header": "sklearn", "Delimiter": "whitespace", "TargetPath": "y.csv", "TargetHeader": "names" },
                "Preprocessing": { "Normalize": "Standard", "ScaleTargets": true },
                "Validation": { "Type": "holdout", "ValidationFraction": 0.15, "TestFraction": 0.2 },
                "Model": { "Layers": [ { "Type": "dense", "Units": 32, "Activation": "tanh" }, { "Type": "dense" } ] },
                "Loss": "mse",
                "Optimizer": { "Type": "adam", "LearningRate": 0.01 },
                "Metrics": [ "mae", "r2" ],
                "Training": { "Epochs": 60, "BatchSize": 32 }
              }
            }
            """);
        _run = HostProcess.Run(_root.Path, TimeSpan.FromMinutes(3), "--experiment", "reg.json");
    }

    [OneTimeTearDown]
    public void Cleanup() => _root.Dispose();

    private JsonObject Report => JsonNode.Parse(File.ReadAllText(_root.Combine("runs", "reg", "latest", "report.json")))!.AsObject();

    [Test]
    public void Train_TwoOutputsFromTheTargetFile_FitsWell()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.All);
        JsonObject report = Report;
        Assert.That(report["data"]!["outputs"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(report["data"]!["samples"]!.GetValue<int>(), Is.EqualTo(Rows));
        Assert.That(report["test"]!["r2"]!.GetValue<double>(), Is.GreaterThan(0.9), _run.All);
    }

    [Test]
    public void Train_LossIsOnStandardisedTargets_MetricsInTheDataUnits()
    {
        JsonObject report = Report;
        double firstLoss = report["history"]![0]!["train"]!["loss"]!.GetValue<double>();
        double mae = report["test"]!["mean_absolute_error"]!.GetValue<double>();

        Assert.That(firstLoss, Is.LessThan(2), "standardised targets start near unit variance, not the raw ~10^4");
        Assert.That(mae, Is.GreaterThan(0.2).And.LessThan(15), "an error in the targets' own units (u spans about 150)");
    }

    [Test]
    public void Reload_PredictionsTransformedBack_GiveTheReportedTestError()
    {
        SavedModel saved = new ModelStore(TestPaths.BuiltInRegistry()).Load(_root.Combine("models", "reg"), 512);
        DataSet data = BuiltInComponents.Create<IDataSource>("csv", ("Path", "x.csv.gz"), ("Header", "sklearn"), ("Delimiter", "whitespace"),
                ("TargetPath", "y.csv"), ("TargetHeader", "names"))
            .Load(new DataLoadContext(_root.Path, new Random(0), "Experiment:Data") { Columns = saved.Metadata.Columns }, CancellationToken.None);
        int[] test = BuiltInComponents.HoldoutTest(Seed, data.Count, null, "0.15", "0.2");

        var x = new Tensor(test.Length, data.FeatureShape);
        NeuralNet.Kernels.Rows.Gather(data.Features.ReadOnlySpan, data.FeatureShape.Size, test, x.Buffer);
        saved.Normalizer.Apply(x);
        Tensor p = saved.Model.Predict(x);
        saved.Normalizer.Targets!.Inverse(p);
        double mae = test.SelectMany((row, i) => Enumerable.Range(0, 2).Select(j => Math.Abs(p.Buffer[i * 2 + j] - data.Targets.Buffer[row * 2 + j]))).Average();

        Assert.That(mae, Is.EqualTo(Report["test"]!["mean_absolute_error"]!.GetValue<double>()).Within(1e-3));
    }

    [Test]
    public void ScaleTargets_OnClassificationData_ConfigurationErrorNamingTheKey()
    {
        using TempDirectory root = HostProcess.NewContentRoot();

        var run = HostProcess.Run(root.Path, TimeSpan.FromMinutes(1), "--Experiment:Preprocessing:ScaleTargets=true");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.All, Does.Contain("Experiment:Preprocessing:ScaleTargets").And.Contain("classification"));
        Assert.That(Directory.Exists(root.Combine("models", "spiral")), Is.False, "nothing is written");
    }

    [Test]
    public void BadRangeAndDivisor_ReportedTogetherBeforeAnyData()
    {
        using TempDirectory root = HostProcess.NewContentRoot();

        var run = HostProcess.Run(root.Path, TimeSpan.FromMinutes(1), "--Experiment:Preprocessing:Range:0=2", "--Experiment:Preprocessing:Divisor=0");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.All, Does.Contain("Experiment:Preprocessing:Range").And.Contain("Experiment:Preprocessing:Divisor"));
    }
}
