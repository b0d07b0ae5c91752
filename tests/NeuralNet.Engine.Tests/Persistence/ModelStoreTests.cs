using Microsoft.Extensions.Configuration;
using NeuralNet.Data;
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
    public void SaveThenLoad_ImputationFillAndCategoricalColumns_RoundTripAndApplyToNewRows()
    {
        using var temp = new TempDirectory();
        SequentialModel model = BuildModel(1);
        var normalizer = new FeatureNormalizer(NormalizationKind.MinMax, [0f, 0f, 0f], [0.5f, 1f, 1f], fill: [3f, 0f, 1f]);
        FeatureColumn[] columns = [new("size"), new("color", ["blue", "red"])];
        var metadata = new ModelMetadata("unit", ["a", "b", "c", "d"], ["size", "color=blue", "color=red"],
            new Dictionary<string, IReadOnlyDictionary<string, double>>(), "categorical_crossentropy") { Columns = columns };
        new ModelStore(Registry).Save(temp.Path, model, metadata, normalizer);

        SavedModel loaded = new ModelStore(Registry).Load(temp.Path, 16);
        var x = new Tensor([float.NaN, float.NaN, float.NaN, 4f, 1f, 0f], 2, new TensorShape(3));
        loaded.Normalizer.Apply(x);

        Assert.That(loaded.Normalizer.Fill, Is.EqualTo(new[] { 3f, 0f, 1f }));
        Assert.That(loaded.Normalizer.Kind, Is.EqualTo(NormalizationKind.MinMax));
        Assert.That(loaded.Metadata.Columns, Is.EqualTo(columns).Using<FeatureColumn>((a, b) =>
            a.Name == b.Name && (a.Categories ?? []).SequenceEqual(b.Categories ?? [])));
        Assert.That(x.Buffer, Is.EqualTo(new[] { 1.5f, 0f, 1f, 2f, 1f, 0f }), "missing values filled, then scaled");
    }

    [Test]
    public void Load_ColumnsWiderThanTheInput_ModelFormatError()
    {
        using var temp = new TempDirectory();
        var metadata = new ModelMetadata("unit", null, null, new Dictionary<string, IReadOnlyDictionary<string, double>>(), "mse")
        {
            Columns = [new FeatureColumn("size"), new FeatureColumn("color", ["blue", "green", "red"])],
        };
        new ModelStore(Registry).Save(temp.Path, BuildModel(1), metadata, new FeatureNormalizer(NormalizationKind.None, new float[3], [1f, 1f, 1f]));

        var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load(temp.Path, 16))!;

        Assert.That(error.Message, Does.Contain("4 features").And.Contain("[3]"));
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
            Assert.That(error.Message, Does.Contain("cannot rebuild").And.Contain("Unknown layer 'tahn'"));
        }
    }

    [Test]
    public void Load_MissingDirectory_NamesModelJson()
    {
        var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load("/nonexistent/model", 16))!;
        Assert.That(error.Message, Does.Contain("model.json").And.Contain("not found"));
    }

    [Test]
    public void Save_WritesAStateTableByName_WithShapesAndOffsets()
    {
        var (dir, temp, model, _) = Saved();
        using (temp)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(dir, ModelStore.ModelFile)))!.AsObject();
            Assert.That(json["format"]!.GetValue<string>(), Is.EqualTo(ModelStore.Format));
            var state = json["state"]!.AsArray().Select(n => (n!["name"]!.GetValue<string>(), n["offset"]!.GetValue<long>())).ToArray();
            Assert.That(state, Is.EqualTo(new[] { ("layers.0.kernel", 0L), ("layers.0.bias", 18L), ("layers.2.kernel", 24L), ("layers.2.bias", 48L) }));
            Assert.That(json["layers"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "dense", "tanh", "dense", "softmax" }));
            Assert.That(model.State.Select(s => s.Name), Is.EqualTo(state.Select(s => s.Item1)));
        }
    }

    [Test]
    public void Load_ForInference_AllocatesNoGradients_AndPredictsTheSame()
    {
        var (dir, temp, model, _) = Saved();
        using (temp)
        {
            SavedModel loaded = new ModelStore(Registry).Load(dir, 16);
            Assert.That(loaded.Model.IsTrainable, Is.False);
            Assert.That(loaded.Model.Parameters.Select(p => p.HasGradient), Is.All.False);
            Assert.That(loaded.Model.Predict(Input()).ReadOnlySpan.ToArray(), Is.EqualTo(model.Predict(Input()).ReadOnlySpan.ToArray()));
            Assert.That(new ModelStore(Registry).Load(dir, 16, training: true).Model.Parameters.Select(p => p.HasGradient), Is.All.True);
        }
    }

    [Test]
    public void Load_StateNamesAndShapesThatDoNotFit_ListsEveryProblemAtOnce()
    {
        var (dir, temp, _, _) = Saved();
        using (temp)
        {
            string path = Path.Combine(dir, ModelStore.ModelFile);
            string text = File.ReadAllText(path).Replace("\"layers.0.bias\"", "\"layers.0.offset\"")
                .Replace("\"layers.2.kernel\",\n      \"shape\": [\n        6,\n        4\n      ]", "\"layers.2.kernel\",\n      \"shape\": [\n        4,\n        6\n      ]");
            File.WriteAllText(path, text);
            var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load(dir, 16))!;
            Assert.That(error.Message, Does.Contain("missing state: layers.0.bias")
                .And.Contain("unexpected state: layers.0.offset")
                .And.Contain("'layers.2.kernel' is [4, 6] in the file but [6, 4] in the model"));
        }
    }

    [Test]
    public void Load_UnknownFormatVersion_SaysWhichVersionsItReads()
    {
        var (dir, temp, _, _) = Saved();
        using (temp)
        {
            string path = Path.Combine(dir, ModelStore.ModelFile);
            File.WriteAllText(path, File.ReadAllText(path).Replace(ModelStore.Format, "neuralnet-model/9"));
            var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load(dir, 16))!;
            Assert.That(error.Message, Does.Contain("format version is 'neuralnet-model/9'").And.Contain(ModelStore.Format).And.Contain(ModelStore.FormatV1));
        }
    }

    [Test]
    public void Load_FormatOneFile_LoadsByPosition_AndPredictsTheSame()
    {
        var (dir, temp, model, _) = Saved();
        using (temp)
        {
            // Rewrite the saved model.json as format 1 wrote it: activations as their own kind, parameters by position.
            string path = Path.Combine(dir, ModelStore.ModelFile);
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            json["format"] = ModelStore.FormatV1;
            foreach (var layer in json["layers"]!.AsArray())
            {
                var o = layer!.AsObject();
                o.Remove("output_shape");
                string name = o["type"]!.GetValue<string>();
                if (name != "dense") { o.Remove("type"); o["activation"] = name; }
            }
            var parameters = new System.Text.Json.Nodes.JsonArray();
            foreach (var entry in json["state"]!.AsArray())
            {
                string[] parts = entry!["name"]!.GetValue<string>().Split('.');
                parameters.Add(new System.Text.Json.Nodes.JsonObject { ["layer"] = int.Parse(parts[1]), ["name"] = parts[2], ["shape"] = entry["shape"]!.DeepClone() });
            }
            json.Remove("state");
            json["parameters"] = parameters;
            json["preprocessing"]!.AsObject().Remove("per");
            File.WriteAllText(path, json.ToJsonString());

            SavedModel loaded = new ModelStore(Registry).Load(dir, 16);
            Assert.That(loaded.Model.Specs.Select(s => s.Name), Is.EqualTo(new[] { "dense", "tanh", "dense", "softmax" }));
            Assert.That(loaded.Model.Predict(Input()).ReadOnlySpan.ToArray(), Is.EqualTo(model.Predict(Input()).ReadOnlySpan.ToArray()));
        }
    }

    /// <summary>A model on [1, 2, 2] images saved with an input record naming <paramref name="reader"/>.</summary>
    private static (string Dir, TempDirectory Temp) SavedWithInput(string reader)
    {
        var temp = new TempDirectory();
        IConfigurationSection layers = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Layers:0:Type"] = "flatten",
            ["Layers:1:Type"] = "dense", ["Layers:1:Activation"] = "softmax",
        }).Build().GetSection("Layers");
        var builder = new ModelBuilder(Registry);
        SequentialModel model = builder.Build(builder.Read(layers), new TensorShape(1, 2, 2), 2, 4, new Random(1));
        var normalizer = new FeatureNormalizer(NormalizationKind.Standard, [0.5f], [2f], NormalizationScope.Channel);
        var metadata = new ModelMetadata("images", ["a", "b"], null, new Dictionary<string, IReadOnlyDictionary<string, double>>(), "categorical_crossentropy")
        {
            Input = new InputRecord(reader, new System.Text.Json.Nodes.JsonObject { ["Color"] = "Grey", ["Width"] = 2, ["Height"] = 2, ["Scale"] = true }),
        };
        new ModelStore(Registry).Save(temp.Path, model, metadata, normalizer);
        return (temp.Path, temp);
    }

    [Test]
    public void SaveThenLoad_InputRecord_RebuildsTheReaderItNames()
    {
        var (dir, temp) = SavedWithInput("image");
        using (temp)
        {
            SavedModel loaded = new ModelStore(Registry).Load(dir, 4);
            Assert.That(loaded.Metadata.Input!.Reader, Is.EqualTo("image"));
            Assert.That(loaded.Metadata.Input.Options!["Width"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(loaded.InputReader, Is.Not.Null);
            Assert.That(loaded.InputReader!.SampleShape, Is.EqualTo(new TensorShape(1, 2, 2)));
        }
    }

    [Test]
    public void Load_WithoutInputRecord_HasNoReader()
    {
        var (dir, temp, _, _) = Saved();
        using (temp)
        {
            Assert.That(File.ReadAllText(Path.Combine(dir, ModelStore.ModelFile)), Does.Contain("\"input\": null"));
            SavedModel loaded = new ModelStore(Registry).Load(dir, 16);
            Assert.That((loaded.Metadata.Input, loaded.InputReader), Is.EqualTo(((InputRecord?)null, (IInputReader?)null)));
        }
    }

    [Test]
    public void Load_InputRecordNamingAnUnknownReader_IsAModelFileError()
    {
        var (dir, temp) = SavedWithInput("webcam");
        using (temp)
        {
            var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load(dir, 4))!;
            Assert.That(error.Message, Does.Contain("cannot create its input reader").And.Contain("webcam").And.Contain("image"));
        }
    }
}
