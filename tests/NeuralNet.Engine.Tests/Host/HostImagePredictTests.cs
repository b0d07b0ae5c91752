using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>
/// <c>predict</c> on image files and folders as a real process: tiny CNNs trained on grey and RGB image folders written
/// here, whose predictions on the test files must give exactly what <c>evaluate</c> reports for the same files (accuracy,
/// and the cross-entropy of the printed probabilities), also for files of another size, resized as the model's
/// <c>input</c> record says; and the errors: a truncated image, a folder without images, a model saved without the record.
/// </summary>
[NonParallelizable]
public sealed class HostImagePredictTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private TempDirectory _root = null!;
    private HostProcess.Result _grey = null!;
    private HostProcess.Result _rgb = null!;

    [OneTimeSetUp]
    public void TrainBoth()
    {
        _root = HostProcess.NewContentRoot();
        HostImageCnnTests.WriteShapes(_root.Combine("grey", "train"), perClass: 32, seed: 11);
        HostImageCnnTests.WriteShapes(_root.Combine("grey", "test"), perClass: 8, seed: 12);
        WriteColourShapes(_root.Combine("rgb", "train"), perClass: 32, seed: 13);
        WriteColourShapes(_root.Combine("rgb", "test"), perClass: 8, seed: 14);
        File.WriteAllText(_root.Combine("grey.json"), Experiment("grey", "grey"));
        File.WriteAllText(_root.Combine("rgb.json"), Experiment("rgb", "rgb"));
        _grey = HostProcess.Run(_root.Path, Timeout, "--experiment", "grey.json");
        _rgb = HostProcess.Run(_root.Path, Timeout, "--experiment", "rgb.json");
    }

    [OneTimeTearDown]
    public void Cleanup() => _root.Dispose();

    private HostProcess.Result Run(params string[] args) => HostProcess.Run(_root.Path, Timeout, args);

    /// <summary>A small CNN, few epochs: the accuracy need not be perfect, predict and evaluate must only agree.</summary>
    private static string Experiment(string name, string color) => $$"""
        {
          "Experiment": {
            "Name": "{{name}}",
            "Seed": 3,
            "Data": { "Type": "image_folder", "Path": "{{name}}/train", "TestPath": "{{name}}/test", "Color": "{{color}}" },
            "Validation": { "Type": "holdout", "ValidationFraction": 0.25, "TestFraction": 0 },
            "Model": { "Layers": [
              { "Type": "conv2d", "Filters": 4, "KernelSize": 3, "Padding": "same", "Activation": "relu" },
              { "Type": "max_pool2d", "PoolSize": 2 },
              { "Type": "flatten" },
              { "Type": "dense", "Activation": "softmax" }
            ] },
            "Loss": "categorical_crossentropy",
            "Optimizer": { "Type": "adam", "LearningRate": 0.01 },
            "Training": { "Epochs": 3, "BatchSize": 16 },
            "Charts": { "Enabled": false }
          }
        }
        """;

    /// <summary>10x10 RGB bars and crosses in bright random colours on dark coloured noise.</summary>
    private static void WriteColourShapes(string directory, int perClass, int seed)
        => HostImageCnnTests.WriteShapes(directory, perClass, seed, 10,
            r => new Rgb24((byte)r.Next(0, 60), (byte)r.Next(0, 60), (byte)r.Next(0, 60)),
            r => new Rgb24((byte)r.Next(120, 256), (byte)r.Next(120, 256), (byte)r.Next(120, 256)));

    /// <summary>Every JSON line of a predict run: the input's name, the top class and the probability of the true class (its folder).</summary>
    private static (string Input, string Top, double TrueProbability)[] Parse(HostProcess.Result run)
        => run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            JsonNode node = JsonNode.Parse(line)!;
            string input = node["input"]!.GetValue<string>();
            string truth = Path.GetFileName(Path.GetDirectoryName(input))!;
            JsonArray top = node["top"]!.AsArray();
            double p = top.Single(t => t!["class"]!.GetValue<string>() == truth)!["probability"]!.GetValue<double>();
            return (input, top[0]!["class"]!.GetValue<string>(), p);
        }).ToArray();

    /// <summary>A copy of the grey model as <c>&lt;folder&gt;/grey</c> whose model.json <paramref name="edit"/> changed; returns the --model value.</summary>
    private string EditedCopy(string folder, Action<JsonObject> edit)
    {
        Assert.That(_grey.ExitCode, Is.Zero, _grey.All);
        string copy = _root.Combine(folder, "grey");
        HostProcess.CopyDirectory(_root.Combine("models", "grey"), copy);
        JsonObject model = JsonNode.Parse(File.ReadAllText(Path.Combine(copy, "model.json")))!.AsObject();
        edit(model);
        File.WriteAllText(Path.Combine(copy, "model.json"), model.ToJsonString());
        return $"{folder}/grey";
    }

    private static JsonNode Metrics(HostProcess.Result evaluation)
    {
        Assert.That(evaluation.ExitCode, Is.Zero, evaluation.All);
        return JsonNode.Parse(evaluation.StandardOutput)!["metrics"]!;
    }

    /// <summary>Top-1 accuracy and mean cross-entropy of predict's lines equal evaluate's on the same files.</summary>
    private static void AssertAgree((string Input, string Top, double TrueProbability)[] predictions, JsonNode metrics)
    {
        double accuracy = predictions.Count(p => p.Top == Path.GetFileName(Path.GetDirectoryName(p.Input))) / (double)predictions.Length;
        double loss = predictions.Average(p => -Math.Log(Math.Max(p.TrueProbability, 1e-7)));
        Assert.That(accuracy, Is.EqualTo(metrics["accuracy"]!.GetValue<double>()).Within(1e-12));
        Assert.That(loss, Is.EqualTo(metrics["loss"]!.GetValue<double>()).Within(1e-5));
    }

    [TestCase("grey", 12, 1)]
    [TestCase("rgb", 10, 3)]
    public void ModelJson_RecordsHowAnImageBecomesASample(string name, int side, int channels)
    {
        Assert.That(name == "grey" ? _grey.ExitCode : _rgb.ExitCode, Is.Zero, (name == "grey" ? _grey : _rgb).All);
        JsonNode model = JsonNode.Parse(File.ReadAllText(_root.Combine("models", name, "model.json")))!;
        JsonNode input = model["input"]!;
        Assert.That(input["reader"]!.GetValue<string>(), Is.EqualTo("image"));
        Assert.That(input["options"]!["Color"]!.GetValue<string>(), Is.EqualTo(name == "grey" ? "Grey" : "Rgb"));
        Assert.That(input["options"]!["Width"]!.GetValue<int>(), Is.EqualTo(side));
        Assert.That(input["options"]!["Height"]!.GetValue<int>(), Is.EqualTo(side));
        Assert.That(input["options"]!["Scale"]!.GetValue<bool>(), Is.True);
        Assert.That(model["input_shape"]!.AsArray().Select(d => d!.GetValue<int>()), Is.EqualTo(new[] { channels, side, side }));
        Assert.That(model["preprocessing"]!["shift"]!.AsArray(), Has.Count.EqualTo(channels), "The per-channel statistics are saved beside the record.");
    }

    [TestCase("grey")]
    [TestCase("rgb")]
    public void PredictOnTheTestFolder_EqualsEvaluateOnIt(string name)
    {
        var predict = Run("predict", "--model", $"models/{name}", $"{name}/test", "--format", "json", "--top", "2");
        Assert.That(predict.ExitCode, Is.Zero, predict.All);
        var predictions = Parse(predict);
        Assert.That(predictions.Select(p => p.Input), Is.EqualTo(
            new[] { "bars", "crosses" }.SelectMany(c => Enumerable.Range(0, 8).Select(i => Path.Combine($"{name}/test", c, $"{i:D3}.png")))),
            "Every file once, by class folder then file name.");
        AssertAgree(predictions, Metrics(Run("evaluate", "--model", $"models/{name}", "--experiment", $"{name}.json", "--format", "json")));
    }

    [Test]
    public void PredictOnFilesOfAnotherSize_ResizesThemAsTheRecordSays_LikeEvaluateWithThatSize()
    {
        // The grey test images at 20x20 and 7x9: predict resizes them to the recorded 12x12, as the source does with Width and Height.
        foreach (string shape in new[] { "bars", "crosses" })
        {
            Directory.CreateDirectory(_root.Combine("resized", shape));
            for (int i = 0; i < 8; i++)
            {
                using Image<L8> image = Image.Load<L8>(_root.Combine("grey", "test", shape, $"{i:D3}.png"));
                image.Mutate(x => x.Resize(i % 2 == 0 ? 20 : 7, i % 2 == 0 ? 20 : 9, KnownResamplers.NearestNeighbor));
                image.SaveAsPng(_root.Combine("resized", shape, $"{i:D3}.png"));
            }
        }
        var predict = Run("predict", "--model", "models/grey", "resized", "--format", "json", "--top", "2");
        Assert.That(predict.ExitCode, Is.Zero, predict.All);
        var predictions = Parse(predict);
        Assert.That(predictions, Has.Length.EqualTo(16));
        AssertAgree(predictions, Metrics(Run("evaluate", "--model", "models/grey", "--experiment", "grey.json", "--format", "json",
            "--Experiment:Data:Path=resized", "--Experiment:Data:TestPath=", "--Experiment:Data:Width=12", "--Experiment:Data:Height=12")));
    }

    [Test]
    public void PredictOnFilesNamedOneByOne_TableInTheGivenOrder()
    {
        var run = Run("predict", "--model", "models/rgb", "rgb/test/crosses/001.png", "--input", "rgb/test/bars/000.png", "--top", "1");
        Assert.That(run.ExitCode, Is.Zero, run.All);
        string[] lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        // --input first, then the arguments; each line: the file, then "class probability".
        Assert.That(lines[0], Does.Match(@"^rgb/test/bars/000\.png\t(bars|crosses) [01]\.\d{4}$"));
        Assert.That(lines[1], Does.Match(@"^rgb/test/crosses/001\.png\t(bars|crosses) [01]\.\d{4}$"));
    }

    [Test]
    public void FolderWithLinksBackUp_IsWalkedOnce_LinksToFoldersNotFollowed()
    {
        string folder = _root.Combine("linked");
        HostProcess.CopyDirectory(_root.Combine("grey", "test"), folder);
        Directory.CreateSymbolicLink(Path.Combine(folder, "bars", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(folder, "again"), folder);

        var run = Run("predict", "--model", "models/grey", "linked", "--format", "json");

        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(Parse(run).Select(p => p.Input), Is.EqualTo(
            new[] { "bars", "crosses" }.SelectMany(c => Enumerable.Range(0, 8).Select(i => Path.Combine("linked", c, $"{i:D3}.png")))));
    }

    [Test]
    public void TruncatedImageInAFolder_IsADataErrorNamingTheFile_AndPrintsNothing()
    {
        string folder = _root.Combine("truncated");
        HostProcess.CopyDirectory(_root.Combine("grey", "test"), folder);
        string broken = Path.Combine(folder, "crosses", "003.png");
        byte[] bytes = File.ReadAllBytes(broken);
        File.WriteAllBytes(broken, bytes[..(bytes.Length / 2)]);

        var run = Run("predict", "--model", "models/grey", "truncated", "--format", "json");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.All);
        Assert.That(run.StandardError, Does.Contain(Path.Combine("crosses", "003.png")).And.Contain("corrupt or truncated"));
        Assert.That(run.StandardOutput, Is.Empty, "Predictions were printed before the error.");
    }

    [Test]
    public void FileThatIsNoImage_AndFolderWithoutImages_AreDataErrors()
    {
        File.WriteAllText(_root.Combine("notes.png"), "not an image");
        var garbage = Run("predict", "--model", "models/grey", "notes.png");
        Assert.That(garbage.ExitCode, Is.EqualTo(3), garbage.All);
        Assert.That(garbage.StandardError, Does.Contain("notes.png").And.Contain("not a PNG, JPEG, BMP or GIF image"));

        Directory.CreateDirectory(_root.Combine("empty", ".hidden"));
        File.WriteAllText(_root.Combine("empty", "readme.txt"), "no images here");
        File.Copy(_root.Combine("grey", "test", "bars", "000.png"), _root.Combine("empty", ".hidden", "000.png"));
        var empty = Run("predict", "--model", "models/grey", "empty");
        Assert.That(empty.ExitCode, Is.EqualTo(3), empty.All);
        Assert.That(empty.StandardError, Does.Contain("empty").And.Contain("holds no file the model's 'image' input reader reads"));

        var missing = Run("predict", "--model", "models/grey", "nowhere.png");
        Assert.That(missing.ExitCode, Is.EqualTo(3), missing.All);
        Assert.That(missing.StandardError, Does.Contain("nowhere.png").And.Contain("not found"));
    }

    [Test]
    public void ModelSavedWithoutTheInputRecord_ImagesAreAModelFileError_RowsStillPredict()
    {
        // A model as saved before the record existed: the same files, without "input".
        string old = EditedCopy("models-old", model => Assert.That(model.Remove("input"), Is.True));

        var images = Run("predict", "--model", old, "grey/test");
        Assert.That(images.ExitCode, Is.EqualTo(4), images.All);
        Assert.That(images.StandardError, Does.Contain("model.json").And.Contain("records no \"input\"").And.Contain("train it again"));
        Assert.That(images.StandardOutput, Is.Empty);

        string row = string.Join(", ", Enumerable.Range(0, 144).Select(i => (i % 7 / 7.0).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var rows = HostProcess.RunWithInput(_root.Path, Timeout, $"[{row}]\n", "predict", "--model", old, "--format", "json");
        Assert.That(rows.ExitCode, Is.Zero, rows.All);
        Assert.That(JsonNode.Parse(rows.StandardOutput)!["top"]!.AsArray(), Has.Count.EqualTo(2));
    }

    [Test]
    public void InputRecordThatDisagreesWithTheLayers_IsAModelFileError()
    {
        string bad = EditedCopy("models-bad", model => model["input"]!["options"]!["Color"] = "Rgb");

        var run = Run("predict", "--model", bad, "grey/test");
        Assert.That(run.ExitCode, Is.EqualTo(4), run.All);
        Assert.That(run.StandardError, Does.Contain("input reader 'image' makes samples of [3, 12, 12], but the model's inputs are [1, 12, 12]"));
    }

    [Test]
    public void ClassNamesThatDisagreeWithTheOutputs_IsAModelFileError_NothingPredicted()
    {
        string bad = EditedCopy("models-classes", model => model["class_names"]!.AsArray().Add("circles"));

        var run = Run("predict", "--model", bad, "grey/test");
        Assert.That(run.ExitCode, Is.EqualTo(4), run.All);
        Assert.That(run.StandardError, Does.Contain("model.json").And.Contain("has 3 class_names but 2 outputs"));
        Assert.That(run.StandardOutput, Is.Empty);
    }

    [TestCase("null statistic", "a value is null where a number, name or object is expected")]
    [TestCase("statistics of another width", "malformed: Normaliser fitted on 2 channels, samples of [1, 12, 12] have 1")]
    public void PreprocessingThatIsNullOrDisagreesWithTheLayers_IsAModelFileError(string fault, string expected)
    {
        string bad = EditedCopy("models-" + fault.Replace(' ', '-'), model =>
        {
            JsonNode preprocessing = model["preprocessing"]!;
            if (fault == "null statistic") preprocessing["shift"]![0] = null;
            else foreach (string key in new[] { "shift", "scale" }) preprocessing[key]!.AsArray().Add(0.5);
        });

        var run = Run("predict", "--model", bad, "grey/test");
        Assert.That(run.ExitCode, Is.EqualTo(4), run.All);
        Assert.That(run.StandardError, Does.Contain("model.json").And.Contain(expected));
        Assert.That(run.StandardOutput, Is.Empty);
    }
}
