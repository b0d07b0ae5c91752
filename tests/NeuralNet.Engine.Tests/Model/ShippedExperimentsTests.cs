using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Engine.Tests.Model;

/// <summary>
/// Every experiment the repository ships builds its model for the data it names, so a contract change cannot leave a
/// documented command broken (the data itself may be absent here: the sample shape each file's source produces is
/// written down below).
/// </summary>
public sealed class ShippedExperimentsTests
{
    private static readonly ComponentRegistry Registry = TestPaths.BuiltInRegistry();

    // file under config/ → (sample shape its data source produces, number of classes)
    private static readonly Dictionary<string, (int[] Shape, int Classes)> Expected = new()
    {
        ["appsettings.json"] = ([2], 3),
        ["experiments/fashion-mlp.json"] = ([784], 10),
        ["experiments/fashion-cnn.json"] = ([1, 28, 28], 10),
        ["experiments/fashion-images.json"] = ([1, 28, 28], 10),
        ["experiments/iris-kfold.json"] = ([4], 3),
        ["experiments/iris-repeated.json"] = ([4], 3),
        ["experiments/moons.json"] = ([2], 2),
    };

    private static IEnumerable<string> Files() => Expected.Keys;

    [Test]
    public void EveryExperimentFile_IsListedHere()
    {
        string[] shipped = Directory.GetFiles(RepoPaths.Combine("config", "experiments"), "*.json")
            .Select(f => "experiments/" + Path.GetFileName(f)).ToArray();
        Assert.That(Expected.Keys, Is.SupersetOf(shipped), "A new experiment file needs its data's sample shape in this test.");
    }

    [TestCaseSource(nameof(Files))]
    public void Model_BuildsForItsData(string file)
    {
        IConfigurationSection experiment = new ConfigurationBuilder()
            .AddJsonFile(RepoPaths.Combine("config", file)).Build().GetSection("Experiment");
        var (shape, classes) = Expected[file];
        var builder = new ModelBuilder(Registry);
        SequentialModel model = builder.Build(builder.Read(experiment.GetSection("Model:Layers")), new TensorShape(shape), classes,
            int.Parse(experiment["Training:BatchSize"] ?? "32", System.Globalization.CultureInfo.InvariantCulture), new Random(1));
        Assert.That(model.OutputShape, Is.EqualTo(new TensorShape(classes)));
    }
}
