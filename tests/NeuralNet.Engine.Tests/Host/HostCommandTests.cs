using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>Each command as a real process: its help, its happy path on a model trained once, and its errors (exit code, message, nothing written).</summary>
[NonParallelizable]
public sealed class HostCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly string[] Quick = ["--Experiment:Training:Epochs=2", "--Experiment:Charts:Enabled=false"];
    private TempDirectory _root = null!;

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(_root.Path, Timeout, ["train", .. Quick]);
        Assert.That(run.ExitCode, Is.Zero, run.All);
    }

    [OneTimeTearDown]
    public void Cleanup() => _root.Dispose();

    private HostProcess.Result Run(params string[] args) => HostProcess.Run(_root.Path, Timeout, args);

    /// <summary>A fresh content root, for commands that must write nothing.</summary>
    private static void AssertRejectedWithoutWriting(int exitCode, string expected, params string[] args)
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout, args);
        Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.All);
        Assert.That(run.StandardError, Does.Contain(expected));
        Assert.That(run.All, Does.Not.Contain("epoch 1/"), "Training started.");
        Assert.That(Directory.Exists(root.Combine("runs")) || Directory.Exists(root.Combine("models")), Is.False, "Something was written.");
    }

    [TestCase("train")]
    [TestCase("evaluate")]
    [TestCase("predict")]
    [TestCase("summary")]
    [TestCase("plugins")]
    [TestCase("validate")]
    public void Help_OfEachCommand_ExitsZero_AndListsItsOptions(string command)
    {
        var run = Run(command, "--help");
        Assert.That(run.ExitCode, Is.Zero, run.All);
        // predict takes its inputs as arguments too: "NeuralNet.Host predict [<inputs>...] [options]".
        Assert.That(run.StandardOutput, Does.Match($@"NeuralNet\.Host {command} (\[<\w+>\.\.\.\] )?\[options\]").And.Contain("--help"));
    }

    [Test]
    public void RootHelp_ListsEveryCommand()
    {
        var run = Run("--help");
        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.StandardOutput, Does.Contain("train").And.Contain("evaluate").And.Contain("predict").And.Contain("summary").And.Contain("plugins").And.Contain("validate"));
    }

    [Test]
    public void UnknownCommand_Exits2_ListsTheCommands_TrainsNothing()
        => AssertRejectedWithoutWriting(2, "Unrecognized command or argument 'wine'", "wine");

    [Test]
    public void ModelOptionGivenToTrain_Exits2_NamingTheOptionAndTheKnownOnes()
        => AssertRejectedWithoutWriting(2, "unknown option '--model'", "--model", "models/wine");

    [Test]
    public void MisspelledSection_Exits2_ListingTheKnownSections()
        => AssertRejectedWithoutWriting(2, "unknown configuration section 'Experimnt' (known: Experiment, Host, Queue, Plugins, Logging)", "--Experimnt:Seed=3");

    [Test]
    public void UnknownModelKey_Exits2()
        => AssertRejectedWithoutWriting(2, "Experiment:Model:Layer: unknown key. Valid keys of Experiment:Model: Layers.", "--Experiment:Model:Layer=1");

    [Test]
    public void InvalidJsonExperiment_ReportsFileLineAndPosition()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        File.WriteAllText(root.Combine("bad.json"), "{\n  \"Experiment\": {\n    \"Name\": \"x\",,\n  }\n}\n");
        var run = HostProcess.Run(root.Path, Timeout, "--experiment", "bad.json");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("bad.json is not valid JSON: line 3, position 17"));
    }

    [Test]
    public void UnknownSectionInExperimentFile_Exits2()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        File.WriteAllText(root.Combine("x.json"), "{ \"Experiment\": { \"Name\": \"x\" }, \"Experimnet\": {} }");
        var run = HostProcess.Run(root.Path, Timeout, "validate", "--experiment", "x.json");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("\"Experimnet\": unknown configuration section"));
    }

    [Test]
    public void Validate_GoodExperiment_Exits0_WritesNothing()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout, "validate");
        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.StandardOutput, Does.StartWith("ok: 1500 samples"));
        Assert.That(Directory.Exists(root.Combine("models")), Is.False);
    }

    [Test]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var run = Run("validate", "--Experiment:Loss=nope", "--Experiment:Optimizer:LearningRate=-1", "--Experiment:Model:Foo=1", "--Experiment:Training:Epochs=abc");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("4 problems")
            .And.Contain("Unknown loss 'nope'").And.Contain("Experiment:Optimizer:LearningRate")
            .And.Contain("Experiment:Model:Foo").And.Contain("Experiment:Training:Epochs"));
    }

    [Test]
    public void Summary_OfSavedModel_ListsLayersShapesAndCounts()
    {
        var run = Run("summary", "--model", "models/spiral");
        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.StandardOutput, Does.Contain("dense").And.Contain("[100]").And.Contain("trainable parameters:     603").And.Contain("non-trainable parameters: 0"));
        Assert.That(run.StandardOutput, Does.Contain("relu (fused)"), "the dense layer applies the relu after it");
        Assert.That(run.StandardOutput, Does.Not.Contain("softmax (fused)"), "the last layer is never fused");
    }

    [Test]
    public void Summary_OfExperimentWithBatchNorm_CountsRunningStatisticsAsNonTrainable()
    {
        var run = Run("summary", "--format", "json", "--Experiment:Model:Layers:1:Type=batch_norm", "--Experiment:Model:Layers:2:Type=dense", "--Experiment:Model:Layers:2:Activation=softmax");
        Assert.That(run.ExitCode, Is.Zero, run.All);
        var json = JsonNode.Parse(run.StandardOutput)!;
        // dense 2→100 (300) + batch_norm gamma, beta (200) + dense 100→3 (303); running mean and variance (200) are not trained.
        Assert.That(json["trainable"]!.GetValue<long>(), Is.EqualTo(803));
        Assert.That(json["non_trainable"]!.GetValue<long>(), Is.EqualTo(200));
        JsonArray layers = json["layers"]!.AsArray();
        Assert.That(layers.Select(l => (l!["type"]!.GetValue<string>(), l["fused"]!.GetValue<bool>())),
            Is.EqualTo(new[] { ("dense", false), ("relu", true), ("batch_norm", false), ("softmax", false), ("dense", false), ("softmax", false) })); // the batch norm keeps the replaced layer's Activation; softmax is no element-wise activation
        Assert.That(json["input_reader"], Is.Null, "the spiral is no file source");
    }

    [Test]
    public void Summary_WithModelAndExperiment_Exits2()
    {
        var run = Run("summary", "--model", "models/spiral", "--experiment", "config/appsettings.json");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
    }

    [Test]
    public void Plugins_ListsFamiliesNamesOptionsAndFiles()
    {
        var run = Run("plugins");
        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.StandardOutput, Does.Contain("activation:").And.Contain("leaky_relu").And.Contain("Alpha: float = 0.01")
            .And.Contain("NeuralNet.Nn.dll").And.Contain("swish").And.Contain("queue (Queue:Type): folder, postgres"));
    }

    [Test]
    public void Evaluate_SavedModel_PrintsLossAndMetrics_AndWritesTheReport()
    {
        var run = Run("evaluate", "--model", "models/spiral", "--report", _root.Combine("evaluation.json"));
        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.StandardOutput, Does.Contain("loss").And.Contain("accuracy"));
        var report = JsonNode.Parse(File.ReadAllText(_root.Combine("evaluation.json")))!;
        Assert.That(report["samples"]!.GetValue<int>(), Is.EqualTo(1500));
        Assert.That(report["metrics"]!["accuracy"]!.GetValue<double>(), Is.InRange(0.34, 1.0));
    }

    [Test]
    public void Evaluate_DataOfAnotherShape_IsADataError()
    {
        var run = Run("evaluate", "--model", "models/spiral", "--Experiment:Data:Classes=4");
        Assert.That(run.ExitCode, Is.EqualTo(3), run.All);
        Assert.That(run.StandardError, Does.Contain("4 targets").And.Contain("3 outputs"));
    }

    /// <summary>
    /// Models whose loss reads other targets than one-hot rows: one sigmoid output for two classes (binary
    /// cross-entropy) and one class index per sample (sparse categorical cross-entropy). evaluate reads the data as
    /// their loss does and gives the metrics one-hot rows.
    /// </summary>
    [TestCase("binary_crossentropy", "sigmoid", "2")]
    [TestCase("sparse_categorical_crossentropy", "softmax", "3")]
    public void Evaluate_ModelsWhoseLossReadsOtherTargets_EvaluateTheirData(string loss, string activation, string classes)
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        string[] experiment = ["--Experiment:Loss=" + loss, "--Experiment:Model:Layers:1:Activation=" + activation, "--Experiment:Data:Classes=" + classes];
        var train = HostProcess.Run(root.Path, Timeout, ["train", .. Quick, .. experiment]);
        Assert.That(train.ExitCode, Is.Zero, train.All);

        var run = HostProcess.Run(root.Path, Timeout, ["evaluate", "--model", "models/spiral", "--format", "json", .. experiment]);
        Assert.That(run.ExitCode, Is.Zero, run.All);
        var report = JsonNode.Parse(run.StandardOutput)!;
        Assert.That(report["metrics"]!["accuracy"]!.GetValue<double>(), Is.InRange(1.0 / int.Parse(classes) - 0.1, 1.0));
        Assert.That(report["metrics"]!["loss"]!.GetValue<double>(), Is.GreaterThan(0).And.LessThan(5));
    }

    [Test]
    public void Validate_ClassIndexLossOnRegressionData_NamesTheLoss()
    {
        var run = Run("validate", "--Experiment:Loss=sparse_categorical_crossentropy", "--Experiment:Data:Type=sine", "--Experiment:Data:Classes=",
            "--Experiment:Metrics:0=mse", "--Experiment:Charts:Enabled=false");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("Experiment:Loss: the loss reads one class index per sample").And.Contain("regression"));
    }

    [Test]
    public void Evaluate_MissingModel_Exits4()
    {
        var run = Run("evaluate", "--model", "models/nope");
        Assert.That(run.ExitCode, Is.EqualTo(4), run.All);
        Assert.That(run.StandardError, Does.Contain("models/nope"));
    }

    [Test]
    public void Predict_JsonLinesOnStdin_PrintsTopClassesWithProbabilities()
    {
        var run = HostProcess.RunWithInput(_root.Path, Timeout, "[0.1, 0.2]\n\n[1, -1]\n", "predict", "--model", "models/spiral", "--format", "json", "--top", "2");
        Assert.That(run.ExitCode, Is.Zero, run.All);
        string[] lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        foreach (string line in lines)
        {
            var top = JsonNode.Parse(line)!["top"]!.AsArray();
            Assert.That(top, Has.Count.EqualTo(2));
            Assert.That(top[0]!["probability"]!.GetValue<float>(), Is.GreaterThanOrEqualTo(top[1]!["probability"]!.GetValue<float>()));
            Assert.That(top[0]!["class"]!.GetValue<string>(), Is.AnyOf("c1", "c2", "c3"));
        }
    }

    [Test]
    public void Predict_CsvWithHeader_PicksTheModelsFeaturesByName()
    {
        File.WriteAllText(_root.Combine("rows.csv"), "label,x2,x1\nc1,0.2,0.1\nc2,-1,1\n");
        var run = Run("predict", "--model", "models/spiral", "--input", _root.Combine("rows.csv"));
        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.StandardOutput, Does.Contain("rows.csv:2\t").And.Contain("rows.csv:3\t"));
    }

    [Test]
    public void Predict_RowOfTheWrongWidth_IsADataErrorNamingTheLine()
    {
        var run = HostProcess.RunWithInput(_root.Path, Timeout, "[0.1, 0.2]\n[1, 2, 3]\n", "predict", "--model", "models/spiral");
        Assert.That(run.ExitCode, Is.EqualTo(3), run.All);
        Assert.That(run.StandardError, Does.Contain("stdin, line 2: has 3 values; the model takes 2"));
    }

    [Test]
    public void Predict_HugeGarbageLine_QuotesAtMost200Characters()
    {
        var run = HostProcess.RunWithInput(_root.Path, Timeout, new string('x', 5000) + "\n", "predict", "--model", "models/spiral");
        Assert.That(run.ExitCode, Is.EqualTo(3), run.All);
        // Logs share standard error with the message: measure the error line itself.
        string error = run.StandardError.Split('\n').Single(l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.That(error.Length, Is.LessThan(400), run.StandardError);
    }

    [Test]
    public void OutputFolderOutsideTheContentRoot_IsAConfigurationError()
        => AssertRejectedWithoutWriting(2, "Experiment:Output:ModelsDirectory: '../elsewhere' leads outside the content root", "--Experiment:Output:ModelsDirectory=../elsewhere");

    [Test]
    public void OutputFolderThatIsAFile_IsAConfigurationErrorBeforeTraining()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        File.WriteAllText(root.Combine("runs"), "not a folder");
        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Training:Epochs=1");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("Experiment:Output:RunsDirectory").And.Contain("is not a folder"));
        Assert.That(run.All, Does.Not.Contain("epoch 1/"));
    }

    [Test]
    public void LossGrowingByOrdersOfMagnitudeWhileStillFinite_IsDivergence_Exit5()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Loss=mse", "--Experiment:Model:Layers:1:Activation=linear",
            "--Experiment:Optimizer:Type=sgd", "--Experiment:Optimizer:LearningRate=3", "--Experiment:Training:Epochs=3");
        Assert.That(run.ExitCode, Is.EqualTo(5), run.All);
        Assert.That(run.StandardError, Does.Contain("Training diverged: loss is").And.Not.Contain("NaN").And.Not.Contain("∞").And.Not.Contain("Infinity"));
        Assert.That(Directory.Exists(root.Combine("models", "spiral")), Is.False);
    }

    [Test]
    public void SingleClassTrainingSet_IsADataError()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        File.WriteAllText(root.Combine("one.csv"), "x,y,label\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i},{i % 3},a\n")));
        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Data:Type=csv", "--Experiment:Data:Samples=", "--Experiment:Data:Classes=", "--Experiment:Data:Path=one.csv");
        Assert.That(run.ExitCode, Is.EqualTo(3), run.All);
        Assert.That(run.StandardError, Does.Contain("a classifier needs at least two classes"));
    }
}
