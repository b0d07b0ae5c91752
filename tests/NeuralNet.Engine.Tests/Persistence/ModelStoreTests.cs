using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Persistence;

public sealed class ModelStoreTests
{
    private static readonly ComponentRegistry Registry = TestPaths.BuiltInRegistry();

    private static SequentialModel BuildModel(int seed)
    {
        IConfigurationSection layers = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Layers:0:Type"] = "dense", ["Layers:0:Units"] = "6", ["Layers:0:Activation"] = "tanh",
            ["Layers:1:Type"] = "dense", ["Layers:1:Activation"] = "softmax",
        }).Build().GetSection("Layers");
        var builder = new ModelBuilder(Registry);
        return builder.Build(builder.Read(layers), new TensorShape(3), 4, 16, new Random(seed));
    }

    private static (string Dir, TempDirectory Temp, SequentialModel Model, FeatureNormalizer Normalizer) Saved()
    {
        var temp = new TempDirectory();
        SequentialModel model = BuildModel(1);
        var normalizer = new FeatureNormalizer(NormalizationKind.Standard, [1f, 2f, 3f], [0.5f, 1f, 2f]);
        var metadata = new ModelMetadata("unit", ["a", "b", "c", "d"], ["x", "y", "z"],
            new Dictionary<string, IReadOnlyDictionary<string, double>> { ["test"] = new Dictionary<string, double> { ["accuracy"] = 0.5 } }, "categorical_crossentropy");
        new ModelStore(Registry).Save(temp.Path, model, metadata, normalizer);
        return (temp.Path, temp, model, normalizer);
    }

    private static Tensor Input()
    {
        var x = new Tensor(5, 3);
        for (int i = 0; i < x.Length; i++) x.Buffer[i] = MathF.Sin(i * 0.7f) * 2;
        return x;
    }

    [Test]
    public void SaveThenLoad_RebuildsTheSameModel_AndPredictsTheSame()
    {
        var (dir, temp, model, normalizer) = Saved();
        using (temp)
        {
            SavedModel loaded = new ModelStore(Registry).Load(dir, 16);

            Assert.That(loaded.Model.Specs, Is.EqualTo(model.Specs).Using<LayerSpec>((a, b) => a.Name == b.Name));
            Assert.That(loaded.Metadata.ClassNames, Is.EqualTo(new[] { "a", "b", "c", "d" }));
            Assert.That(loaded.Normalizer.Shift, Is.EqualTo(normalizer.Shift));
            Assert.That(loaded.Normalizer.Scale, Is.EqualTo(normalizer.Scale));
            float[] expected = model.Predict(Input()).ReadOnlySpan.ToArray();
            float[] actual = loaded.Model.Predict(Input()).ReadOnlySpan.ToArray();
            Assert.That(actual, Is.EqualTo(expected), "Predictions differ after save and load.");
            Assert.That(expected.Distinct().Count(), Is.GreaterThan(4), "The model predicts constants: this test could not tell models apart.");
        }
    }

    [Test]
    public void Load_WeightsWithOneByteChanged_FailsOnTheChecksumNamingWeightsBin()
    {
        var (dir, temp, _, _) = Saved();
        using (temp)
        {
            string weights = Path.Combine(dir, ModelStore.WeightsFile);
            byte[] bytes = File.ReadAllBytes(weights);
            bytes[10] ^= 0x40;
            File.WriteAllBytes(weights, bytes);

            var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load(dir, 16))!;
            Assert.That(error.File, Is.EqualTo(weights));
            Assert.That(error.Message, Does.Contain("SHA-256"));
        }
    }

    [Test]
    public void Load_TruncatedWeights_NamesExpectedAndActualSize()
    {
        var (dir, temp, model, _) = Saved();
        using (temp)
        {
            string weights = Path.Combine(dir, ModelStore.WeightsFile);
            File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..^4]);
            var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load(dir, 16))!;
            Assert.That(error.Message, Does.Contain($"expects {model.ParameterCount * 4}"));
        }
    }

    [Test]
    public void Load_ModelJsonNotJson_NamesTheFile()
    {
        var (dir, temp, _, _) = Saved();
        using (temp)
        {
            File.WriteAllText(Path.Combine(dir, ModelStore.ModelFile), "{ \"format\": ");
            var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load(dir, 16))!;
            Assert.That(error.File, Does.EndWith(ModelStore.ModelFile));
            Assert.That(error.Message, Does.Contain("not valid JSON"));
            Assert.That(error.ExitCode, Is.EqualTo(4));
        }
    }

    [Test]
    public void Load_UnknownLayerName_SaysItCannotRebuild()
    {
        var (dir, temp, _, _) = Saved();
        using (temp)
        {
            string path = Path.Combine(dir, ModelStore.ModelFile);
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"tanh\"", "\"tahn\""));
            var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load(dir, 16))!;
            Assert.That(error.Message, Does.Contain("cannot rebuild").And.Contain("Unknown activation 'tahn'"));
        }
    }

    [Test]
    public void Load_MissingDirectory_NamesModelJson()
    {
        var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load("/nonexistent/model", 16))!;
        Assert.That(error.Message, Does.Contain("model.json").And.Contain("not found"));
    }
}
