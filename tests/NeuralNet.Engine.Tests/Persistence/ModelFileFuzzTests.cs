using System.Diagnostics;
using System.Text.Json.Nodes;
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

/// <summary>
/// Thousands of mutated model files (model.json values replaced by nulls, negatives, huge numbers, wrong types;
/// bytes flipped, cut or inserted; weights truncated or changed): loading either succeeds or throws
/// <see cref="ModelFormatException"/>, never anything else, and quotes at most ~200 characters of the input.
/// </summary>
public sealed class ModelFileFuzzTests
{
    private static readonly ComponentRegistry Registry = TestPaths.BuiltInRegistry();

    private static readonly JsonNode?[] Replacements =
    [
        null, -1, 0, 1, 2147483647, -2147483648, 9223372036854775807L, 1e300, 0.5, "", "x", new string('a', 5000), true,
        new JsonArray(), new JsonArray(-1), new JsonArray(1, null), new JsonArray(1 << 20, 1 << 20), new JsonObject(),
    ];

    /// <summary>Saves a small model on [1, 1, 3] images (flatten, dense, batch norm, dense, with an input record) into <paramref name="directory"/>.</summary>
    private static SequentialModel Save(string directory)
    {
        IConfigurationSection layers = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Layers:0:Type"] = "flatten",
            ["Layers:1:Type"] = "dense", ["Layers:1:Units"] = "4", ["Layers:1:Activation"] = "relu",
            ["Layers:2:Type"] = "batch_norm",
            ["Layers:3:Type"] = "dense", ["Layers:3:Activation"] = "softmax",
        }).Build().GetSection("Layers");
        var builder = new ModelBuilder(Registry);
        SequentialModel model = builder.Build(builder.Read(layers), new TensorShape(1, 1, 3), 3, 4, new Random(1));
        var metadata = new ModelMetadata("fuzz", ["a", "b", "c"], ["x", "y", "z"], new Dictionary<string, IReadOnlyDictionary<string, double>>(), "categorical_crossentropy")
        {
            Input = new InputRecord("image", new JsonObject { ["Color"] = "Grey", ["Width"] = 3, ["Height"] = 1, ["Scale"] = true }),
        };
        new ModelStore(Registry).Save(directory, model, metadata,
            new FeatureNormalizer(NormalizationKind.Standard, [1f, 2f, 3f], [0.5f, 1f, 2f]));
        return model;
    }

    [Test]
    public void MutatedModelFiles_OnlyModelFormatExceptionEscapes()
    {
        using var source = new TempDirectory();
        Save(source.Path);
        string json = File.ReadAllText(Path.Combine(source.Path, ModelStore.ModelFile));
        byte[] weights = File.ReadAllBytes(Path.Combine(source.Path, ModelStore.WeightsFile));

        using var target = new TempDirectory();
        var random = new Random(8);
        var store = new ModelStore(Registry);
        var clock = Stopwatch.StartNew();
        int loaded = 0, rejected = 0;
        for (int i = 0; i < 3000; i++)
        {
            string mutatedJson = json;
            byte[] mutatedWeights = weights;
            switch (random.Next(4))
            {
                case 0:
                case 1:
                    mutatedJson = JsonMutator.ReplaceValue(json, random, Replacements);
                    break;
                case 2:
                    mutatedJson = JsonMutator.MutateText(json, random);
                    break;
                default:
                    mutatedWeights = random.Next(2) == 0 ? weights[..random.Next(weights.Length)] : [.. weights, .. new byte[random.Next(1, 9)]];
                    break;
            }
            File.WriteAllText(Path.Combine(target.Path, ModelStore.ModelFile), mutatedJson);
            File.WriteAllBytes(Path.Combine(target.Path, ModelStore.WeightsFile), mutatedWeights);
            try
            {
                store.Load(target.Path, 4);
                loaded++;
            }
            catch (ModelFormatException e)
            {
                rejected++;
                Assert.That(e.Message.Length, Is.LessThan(2000), $"Mutation {i} quotes too much: {e.Message}");
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {i} let {e.GetType().Name} escape: {e.Message}\n{mutatedJson}\n{e}");
            }
        }
        Assert.That(rejected, Is.GreaterThan(1000), $"{loaded} loaded, {rejected} rejected");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(1)));
    }

    /// <summary>Replaces one value anywhere in the document (or removes one key).</summary>

    [TestCase("class_names", "[\"a\", \"b\"]", "has 2 class_names but 3 outputs")]
    [TestCase("feature_names", "[\"x\"]", "has 1 feature_names but inputs of [1, 1, 3]")]
    // The largest image the reader allows, refused by its shape before a sample buffer of 4 GiB is made.
    [TestCase("input", "{\"reader\": \"image\", \"options\": { \"Color\": \"Rgba\", \"Width\": 16384, \"Height\": 16384 } }", "makes samples of [4, 16384, 16384], but the model's inputs are [1, 1, 3]")]
    [TestCase("input", "{\"reader\": \"image\", \"options\": { \"Colour\": \"Grey\", \"Width\": 3, \"Height\": 1 } }", "cannot create its input reader")]
    [TestCase("input", "{\"reader\": \"camera\" }", "Unknown input reader 'camera'")]
    [TestCase("class_names", "[\"a\", null, \"c\"]", "a value is null")]
    public void PartsThatDisagree_AreAModelFormatError(string key, string value, string expected)
    {
        using var dir = new TempDirectory();
        var model = Save(dir.Path);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, ModelStore.ModelFile)))!;
        json[key] = JsonNode.Parse(value);
        File.WriteAllText(Path.Combine(dir.Path, ModelStore.ModelFile), json.ToJsonString());
        var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load(dir.Path, 4))!;
        Assert.That(error.Message, Does.Contain(expected));
    }

    [Test]
    public void PreprocessingStatisticsOfAnotherWidth_AreAModelFormatError()
    {
        using var dir = new TempDirectory();
        Save(dir.Path);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, ModelStore.ModelFile)))!;
        json["preprocessing"]!["shift"] = new JsonArray(1f, 2f);
        json["preprocessing"]!["scale"] = new JsonArray(1f, 2f);
        File.WriteAllText(Path.Combine(dir.Path, ModelStore.ModelFile), json.ToJsonString());
        var error = Assert.Throws<ModelFormatException>(() => new ModelStore(Registry).Load(dir.Path, 4))!;
        Assert.That(error.Message, Does.Contain("Normaliser fitted on 2 features"));
    }
}
