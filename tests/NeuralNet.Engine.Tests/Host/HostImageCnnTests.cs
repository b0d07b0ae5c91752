using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using NeuralNet.Data;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Tensors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>
/// A small CNN on an image folder, end to end through the host: PNG files of bars and crosses (written here), the
/// image_folder source, conv2d + batch norm + pooling + dropout, 100% test accuracy, a model that reloads by name and
/// predicts the same, and bitwise identical weights for the same seed and for 1 or 2 kernel threads.
/// </summary>
[NonParallelizable]
public sealed class HostImageCnnTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private const int Side = 12;

    private TempDirectory _root = null!;
    private HostProcess.Result _run = null!;

    private string Report => File.ReadAllText(_root.Combine("runs", "shapes", "latest", "report.json"));

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _root = HostProcess.NewContentRoot();
        WriteShapes(_root.Combine("shapes", "train"), perClass: 96, seed: 1);
        WriteShapes(_root.Combine("shapes", "test"), perClass: 16, seed: 2);
        File.WriteAllText(_root.Combine("shapes.json"), Experiment);
        _run = HostProcess.Run(_root.Path, Timeout, "--experiment", _root.Combine("shapes.json"));
    }

    [OneTimeTearDown]
    public void Cleanup() => _root.Dispose();

    /// <summary>"bars": one horizontal or vertical bar; "crosses": one of each, crossing; grey noise around them.</summary>
    internal static void WriteShapes(string directory, int perClass, int seed)
        => WriteShapes(directory, perClass, seed, Side, r => new L8((byte)r.Next(0, 60)), r => new L8((byte)r.Next(200, 256)));

    /// <summary>
    /// Bars and crosses of <paramref name="side"/> x <paramref name="side"/> pixels: <paramref name="noise"/> draws
    /// each background pixel, <paramref name="ink"/> each pixel of a line, in a fixed order from one seeded stream.
    /// </summary>
    internal static void WriteShapes<TPixel>(string directory, int perClass, int seed, int side, Func<Random, TPixel> noise, Func<Random, TPixel> ink)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var random = new Random(seed);
        foreach (string shape in new[] { "bars", "crosses" })
        {
            Directory.CreateDirectory(Path.Combine(directory, shape));
            for (int i = 0; i < perClass; i++)
            {
                using var image = new Image<TPixel>(side, side);
                for (int y = 0; y < side; y++)
                    for (int x = 0; x < side; x++)
                        image[x, y] = noise(random);
                int row = random.Next(2, side - 2), column = random.Next(2, side - 2);
                bool horizontal = random.Next(2) == 0;
                for (int k = 0; k < side; k++)
                {
                    if (shape == "crosses" || horizontal) image[k, row] = ink(random);
                    if (shape == "crosses" || !horizontal) image[column, k] = ink(random);
                }
                image.SaveAsPng(Path.Combine(directory, shape, $"{i:D3}.png"));
            }
        }
    }

    private const string Experiment = """
        {
          "Experiment": {
            "Name": "shapes",
            "Seed": 5,
            "Data": { "Type": "image_folder", "Path": "shapes/train", "TestPath": "shapes/test", "Color": "grey" },
            "Validation": { "Type": "holdout", "ValidationFraction": 0.25, "TestFraction": 0 },
            "Model": { "Layers": [
              { "Type": "conv2d", "Filters": 8, "KernelSize": 3, "Padding": "same" },
              { "Type": "batch_norm", "Activation": "relu" },
              { "Type": "max_pool2d", "PoolSize": 2 },
              { "Type": "conv2d", "Filters": 8, "KernelSize": 3, "Padding": "valid", "Activation": "relu" },
              { "Type": "max_pool2d", "PoolSize": 2 },
              { "Type": "flatten" },
              { "Type": "dense", "Units": 16, "Activation": "relu" },
              { "Type": "dropout", "Rate": 0.2 },
              { "Type": "dense", "Activation": "softmax" }
            ] },
            "Loss": "categorical_crossentropy",
            "Optimizer": { "Type": "adam", "LearningRate": 0.01 },
            "Metrics": [ "accuracy" ],
            "Training": { "Epochs": 30, "BatchSize": 16 },
            "Charts": { "Enabled": false }
          }
        }
        """;

    [Test]
    public void SmallCnn_LearnsBarsVersusCrosses_Perfectly()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.All);
        JsonObject report = JsonNode.Parse(Report)!.AsObject();
        Assert.That(report["data"]!["input_shape"]!.GetValue<string>(), Is.EqualTo("[1, 12, 12]"));
        Assert.That(report["data"]!["test_samples"]!.GetValue<int>(), Is.EqualTo(32));
        Assert.That(report["test"]!["accuracy"]!.GetValue<double>(), Is.EqualTo(1.0), _run.All);
        Assert.That(report["inference"]!["samples_per_second"]!.GetValue<double>(), Is.GreaterThan(0));
    }

    [Test]
    public void Model_SavesBatchNormStatistics_AndReloadsToTheSameTestAccuracy()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.All);
        string modelDir = _root.Combine("models", "shapes");
        JsonObject model = JsonNode.Parse(File.ReadAllText(Path.Combine(modelDir, "model.json")))!.AsObject();
        string[] state = model["state"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).ToArray();
        Assert.That(state, Does.Contain("layers.1.running_mean").And.Contain("layers.1.running_var").And.Contain("layers.0.kernel"));
        Assert.That(model["preprocessing"]!["per"]!.GetValue<string>(), Is.EqualTo("Channel"));

        var registry = TestPaths.BuiltInRegistry();
        SavedModel saved = new ModelStore(registry).Load(modelDir, 8);
        Assert.That(saved.Model.IsTrainable, Is.False);
        var options = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Path"] = _root.Combine("shapes", "test"),
        }).Build();
        DataSet test = registry.Create<IDataSource>("image_folder", options, "Test", ComponentSpec.ReservedKeys).Component
            .Load(new DataLoadContext(_root.Path, new Random(0), "Test"), CancellationToken.None);
        int[] labels = test.Labels();
        int correct = 0;
        var x = new Tensor(8, saved.Model.InputShape);
        var y = new Tensor(8, new TensorShape(test.TargetSize));
        for (int start = 0; start < test.Count; start += 8)
        {
            int n = Math.Min(8, test.Count - start);
            x.SetBatchSize(n);
            test.Samples.Read(Enumerable.Range(start, n).ToArray(), x.Span, y.Buffer);
            saved.Normalizer.Apply(x);
            Tensor p = saved.Model.Predict(x);
            var predicted = new int[n];
            NeuralNet.Kernels.Rows.ArgMax(p.ReadOnlySpan, n, p.SampleSize, predicted);
            for (int k = 0; k < n; k++) if (predicted[k] == labels[start + k]) correct++;
        }
        double expected = JsonNode.Parse(Report)!["test"]!["accuracy"]!.GetValue<double>();
        Assert.That((double)correct / test.Count, Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void SameSeed_OneOrTwoThreads_GiveIdenticalWeights()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.All);
        byte[] reference = File.ReadAllBytes(_root.Combine("models", "shapes", "weights.bin"));
        foreach (string threads in new[] { "1", "2" })
        {
            var again = HostProcess.Run(_root.Path, Timeout, "--experiment", _root.Combine("shapes.json"),
                $"--Experiment:Name=shapes-t{threads}", $"--Experiment:Training:Threads={threads}");
            Assert.That(again.ExitCode, Is.Zero, again.All);
            Assert.That(File.ReadAllBytes(_root.Combine("models", $"shapes-t{threads}", "weights.bin")), Is.EqualTo(reference),
                $"Weights differ with {threads} thread(s).");
        }
    }

    [Test]
    public void TruncatedImage_ExitsWithTheDataCode_NamingTheFile_WritingNothing()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        WriteShapes(root.Combine("shapes", "train"), perClass: 4, seed: 3);
        WriteShapes(root.Combine("shapes", "test"), perClass: 2, seed: 4);
        string broken = root.Combine("shapes", "train", "crosses", "001.png");
        byte[] bytes = File.ReadAllBytes(broken);
        File.WriteAllBytes(broken, bytes[..(bytes.Length / 2)]);
        File.WriteAllText(root.Combine("shapes.json"), Experiment);

        var run = HostProcess.Run(root.Path, Timeout, "--experiment", root.Combine("shapes.json"));

        Assert.That(run.ExitCode, Is.EqualTo(3), run.All);
        Assert.That(run.StandardError, Does.Contain("001.png"));
        Assert.That(run.All, Does.Not.Contain("epoch 1/"), "Training started.");
        Assert.That(Directory.Exists(root.Combine("models", "shapes")), Is.False);
    }
}
