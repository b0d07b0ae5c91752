using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NeuralNet.Data;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>
/// A csv file as users have it (a text column, missing values) trained by the host without a validation split, then
/// the saved model reloaded: the categories and imputation saved with it encode new rows the same way.
/// </summary>
[NonParallelizable]
public sealed class HostCsvDataTests
{
    private const int Seed = 11;
    private TempDirectory _root = null!;
    private HostProcess.Result _run = null!;

    [OneTimeSetUp]
    public void Train()
    {
        _root = HostProcess.NewContentRoot();
        File.WriteAllText(_root.Combine("shop.csv"), ShopCsv());
        File.WriteAllText(_root.Combine("shop.json"), """
            {
              "Experiment": {
                "Name": "shop", "Seed": 11,
                "Data": { "Type": "csv", "Path": "shop.csv", "Target": "buys", "Missing": "impute" },
                "Preprocessing": { "Normalize": "MinMax", "Range": [ -1, 1 ] },
                "Validation": { "Type": "holdout", "ValidationFraction": 0, "TestFraction": 0.25 },
                "Model": { "Layers": [ { "Type": "dense", "Units": 16, "Activation": "tanh" }, { "Type": "dense", "Activation": "softmax" } ] },
                "Loss": "categorical_crossentropy",
                "Optimizer": { "Type": "adam", "LearningRate": 0.03 },
                "Training": { "Epochs": 40, "BatchSize": 16 },
                "Charts": { "Enabled": false }
              }
            }
            """);
        _run = HostProcess.Run(_root.Path, TimeSpan.FromMinutes(3), "--experiment", "shop.json");
    }

    [OneTimeTearDown]
    public void Cleanup() => _root.Dispose();

    /// <summary>400 rows: buys = yes when price − 2·[color = red] &lt; 0.5, with some prices and colours missing.</summary>
    private static string ShopCsv()
    {
        var random = new Random(5);
        string[] colors = ["red", "green", "blue"];
        var csv = new StringBuilder("price,color,weight,buys\n");
        for (int i = 0; i < 400; i++)
        {
            double price = random.NextDouble() * 3;
            string color = colors[random.Next(3)];
            bool buys = price - (color == "red" ? 2 : 0) < 0.5;
            string priceText = i % 17 == 3 ? "NA" : price.ToString("F3", CultureInfo.InvariantCulture);
            string colorText = i % 23 == 5 ? "?" : color;
            csv.Append(CultureInfo.InvariantCulture, $"{priceText},{colorText},{random.NextDouble():F3},{(buys ? "yes" : "no")}\n");
        }
        return csv.ToString();
    }

    private JsonObject Report => JsonNode.Parse(File.ReadAllText(_root.Combine("runs", "shop", "latest", "report.json")))!.AsObject();

    private string ModelDir => _root.Combine("models", "shop");

    /// <summary>Reads <paramref name="file"/> through the csv source as the run did, encoding with the saved model's columns.</summary>
    private DataSet Read(SavedModel saved, string file)
        => BuiltInComponents.Create<IDataSource>("csv", ("Path", file), ("Target", "buys"), ("Missing", "impute"))
            .Load(new DataLoadContext(_root.Path, new Random(0), "Experiment:Data") { Columns = saved.Metadata.Columns }, CancellationToken.None);

    private static float[] Predict(SavedModel saved, DataSet data)
    {
        var x = new Tensor((float[])data.Features.Buffer.Clone(), data.Count, data.FeatureShape);
        saved.Normalizer.Apply(x);
        return saved.Model.Predict(x).ReadOnlySpan.ToArray();
    }

    [Test]
    public void Train_WithoutValidation_ExitsZeroAndReportsTestOnly()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.All);
        JsonObject report = Report;
        Assert.That(report["validation"]!.AsObject(), Is.Empty, "there is no validation part");
        Assert.That(report["test"]!["accuracy"]!.GetValue<double>(), Is.GreaterThan(0.85), _run.All);
        Assert.That(report["data"]!["input_shape"]!.GetValue<string>(), Is.EqualTo("[5]"), "price, colour one-hot over three, weight");
    }

    [Test]
    public void ModelJson_SavesTheColumnsAndFillValues()
    {
        JsonObject pre = JsonNode.Parse(File.ReadAllText(Path.Combine(ModelDir, ModelStore.ModelFile)))!["preprocessing"]!.AsObject();

        Assert.That(pre["columns"]![1]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { "blue", "green", "red" }));
        Assert.That(pre["fill"]!.AsArray(), Has.Count.EqualTo(5));
        Assert.That(pre["normalize"]!.GetValue<string>(), Is.EqualTo("MinMax"));
    }

    [Test]
    public void Reload_PredictsTheReportedTestAccuracyFromTheRawFile()
    {
        SavedModel saved = new ModelStore(TestPaths.BuiltInRegistry()).Load(ModelDir, 512);
        DataSet data = Read(saved, "shop.csv");
        int[] test = BuiltInComponents.HoldoutTest(Seed, data.Count, data.Labels(), "0", "0.25");

        float[] p = Predict(saved, data);
        int[] labels = data.Labels();
        double accuracy = test.Average(i => (p[2 * i + 1] > p[2 * i] ? 1 : 0) == labels[i] ? 1.0 : 0.0);

        Assert.That(accuracy, Is.EqualTo(Report["test"]!["accuracy"]!.GetValue<double>()).Within(1e-9));
    }

    [Test]
    public void Reload_MissingValuesInNewRows_FilledWithTheSavedTrainingValues()
    {
        SavedModel saved = new ModelStore(TestPaths.BuiltInRegistry()).Load(ModelDir, 512);
        float[] fill = saved.Normalizer.Fill!;
        string mode = saved.Metadata.Columns![1].Categories![Array.IndexOf(fill, 1f, 1, 3) - 1];
        string price = fill[0].ToString("R", CultureInfo.InvariantCulture);
        File.WriteAllText(_root.Combine("new.csv"), $"price,color,weight,buys\nNA,red,0.5,no\n{price},red,0.5,no\n0.7,?,0.5,no\n0.7,{mode},0.5,no\n");

        float[] p = Predict(saved, Read(saved, "new.csv"));

        Assert.That(p[..2], Is.EqualTo(p[2..4]), "a missing price is the saved training mean");
        Assert.That(p[4..6], Is.EqualTo(p[6..8]), "a missing colour is the saved most frequent one");
    }

    [Test]
    public void Reload_UnknownCategoryInNewRows_DataErrorNamingTheValue()
    {
        SavedModel saved = new ModelStore(TestPaths.BuiltInRegistry()).Load(ModelDir, 512);
        File.WriteAllText(_root.Combine("odd.csv"), "price,color,weight,buys\n1,purple,0.5,no\n");

        var error = Assert.Throws<DataFormatException>(() => Read(saved, "odd.csv"))!;

        Assert.That(error.Message, Does.Contain("'purple'").And.Contain("'color'"));
        Assert.That(error.Line, Is.EqualTo(2));
    }

    [Test]
    public void MultiLabel_IndependentSigmoidOutputs_TrainAndSaveTheLabelNames()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var random = new Random(2);
        var csv = new StringBuilder("age,smoker,bmi,diabetes,chd\n");
        for (int i = 0; i < 300; i++)
        {
            double age = random.NextDouble(), bmi = random.NextDouble();
            int smoker = random.Next(2);
            csv.Append(CultureInfo.InvariantCulture, $"{age:F3},{smoker},{bmi:F3},{(bmi > 0.6 ? 1 : 0)},{(age + 0.3 * smoker > 0.8 ? 1 : 0)}\n");
        }
        File.WriteAllText(root.Combine("heart.csv"), csv.ToString());

        var run = HostProcess.Run(root.Path, TimeSpan.FromMinutes(2), "--Experiment:Name=heart",
            "--Experiment:Data:Type=csv", "--Experiment:Data:Path=heart.csv", "--Experiment:Data:Samples=", "--Experiment:Data:Classes=",
            "--Experiment:Data:Targets:0=diabetes", "--Experiment:Data:Targets:1=chd",
            "--Experiment:Model:Layers:1:Activation=sigmoid", "--Experiment:Loss=binary_crossentropy",
            "--Experiment:Metrics:0=mae", "--Experiment:Training:Epochs=30");

        Assert.That(run.ExitCode, Is.Zero, run.All);
        JsonObject report = JsonNode.Parse(File.ReadAllText(root.Combine("runs", "heart", "latest", "report.json")))!.AsObject();
        Assert.That(report["data"]!["classes"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { "diabetes", "chd" }));
        Assert.That(report["test"]!["mean_absolute_error"]!.GetValue<double>(), Is.LessThan(0.25), run.All);
        JsonObject model = JsonNode.Parse(File.ReadAllText(root.Combine("models", "heart", ModelStore.ModelFile)))!.AsObject();
        Assert.That(model["output_size"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(model["multi_label"]!.GetValue<bool>(), Is.True);
        Assert.That(new ModelStore(TestPaths.BuiltInRegistry()).Load(root.Combine("models", "heart"), 8).Metadata.IsMultiLabel, Is.True);
        Assert.That(model["class_names"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { "diabetes", "chd" }));
    }

    [Test]
    public void TwoFeaturesWithImputedGaps_TrainsAndLeavesOutTheDecisionRegions()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var csv = new StringBuilder("x1,x2,y\n");
        var random = new Random(4);
        for (int i = 0; i < 200; i++)
        {
            double a = random.NextDouble() - 0.5, b = random.NextDouble() - 0.5;
            csv.Append(CultureInfo.InvariantCulture, $"{(i % 9 == 0 ? "?" : a.ToString("F3", CultureInfo.InvariantCulture))},{b:F3},{(a > b ? "up" : "down")}\n");
        }
        File.WriteAllText(root.Combine("plane.csv"), csv.ToString());

        var run = HostProcess.Run(root.Path, TimeSpan.FromMinutes(2), "--Experiment:Name=plane",
            "--Experiment:Data:Type=csv", "--Experiment:Data:Path=plane.csv", "--Experiment:Data:Samples=", "--Experiment:Data:Classes=",
            "--Experiment:Data:Missing=impute", "--Experiment:Training:Epochs=3");

        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(File.Exists(root.Combine("runs", "plane", "latest", "loss.png")), Is.True);
        Assert.That(File.Exists(root.Combine("runs", "plane", "latest", "decision_boundary.png")), Is.False);
    }
}
