using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Model;

/// <summary>Shapes flow through the layers at build time; a layer that cannot take its input fails naming the key, the shape and the option.</summary>
public sealed class ModelBuilderTests
{
    private static readonly ComponentRegistry Registry = TestPaths.BuiltInRegistry();

    private static SequentialModel Build(TensorShape input, int outputs, params (string Key, string Value)[] layers)
    {
        IConfigurationSection section = new ConfigurationBuilder()
            .AddInMemoryCollection(layers.Select(l => new KeyValuePair<string, string?>("Experiment:Model:Layers:" + l.Key, l.Value)))
            .Build().GetSection("Experiment:Model:Layers");
        var builder = new ModelBuilder(Registry);
        return builder.Build(builder.Read(section), input, outputs, 4, new Random(1));
    }

    private static ConfigurationException BuildFails(TensorShape input, params (string, string)[] layers)
        => Assert.Throws<ConfigurationException>(() => Build(input, 3, layers))!;

    [Test]
    public void DenseAfterConvWithoutFlatten_IsRejected_NamingTheLayerAndShape()
    {
        var error = BuildFails(new TensorShape(1, 8, 8), ("0:Type", "conv2d"), ("0:Filters", "4"), ("1:Type", "dense"));
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:1"));
        Assert.That(error.Message, Does.Contain("[4, 6, 6]").And.Contain("flatten"));
    }

    [Test]
    public void KernelLargerThanPaddedInput_IsRejected_NamingTheOptionAndShape()
    {
        var error = BuildFails(new TensorShape(1, 4, 4), ("0:Type", "conv2d"), ("0:Filters", "2"), ("0:KernelSize", "5"));
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:0:KernelSize"));
        Assert.That(error.Message, Does.Contain("[1, 4, 4]"));
    }

    [Test]
    public void StrideZero_IsRejected_NamingTheOption()
    {
        var error = BuildFails(new TensorShape(1, 4, 4), ("0:Type", "conv2d"), ("0:Filters", "2"), ("0:Stride", "0"));
        Assert.That(error.Key, Does.StartWith("Experiment:Model:Layers:0:Stride"));
    }

    [Test]
    public void ReshapeWhoseSizesDoNotMultiplyOut_IsRejected_NamingTheShapes()
    {
        var error = BuildFails(new TensorShape(784), ("0:Type", "reshape"), ("0:Shape:0", "1"), ("0:Shape:1", "28"), ("0:Shape:2", "27"));
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:0:Shape"));
        Assert.That(error.Message, Does.Contain("[784]"));
    }

    [Test]
    public void OutputWidth_GoesToTheLastLayerWithParameters_PastTrailingParameterFreeLayers()
    {
        SequentialModel model = Build(new TensorShape(1, 6, 6), 5,
            ("0:Type", "conv2d"), ("0:Filters", "3"), ("0:Activation", "relu"),
            ("1:Type", "flatten"),
            ("2:Type", "dense"),
            ("3:Type", "dropout"), ("3:Rate", "0.5"));
        Assert.That(model.Specs.Select(s => s.Name), Is.EqualTo(new[] { "conv2d", "relu", "flatten", "dense", "dropout" }));
        Assert.That(model.OutputShapes.Select(s => s.ToString()), Is.EqualTo(new[] { "[3, 4, 4]", "[3, 4, 4]", "[48]", "[5]", "[5]" }));
        Assert.That(model.FinalActivation, Is.Null);
    }

    [Test]
    public void State_NamesParametersAndBuffersByLayer()
    {
        SequentialModel model = Build(new TensorShape(2, 5, 5), 3,
            ("0:Type", "conv2d"), ("0:Filters", "4"),
            ("1:Type", "batch_norm"), ("1:Activation", "relu"),
            ("2:Type", "flatten"),
            ("3:Type", "dense"), ("3:Activation", "softmax"));
        Assert.That(model.State.Select(s => (s.Name, s.Trainable)), Is.EqualTo(new[]
        {
            ("layers.0.kernel", true), ("layers.0.bias", true),
            ("layers.1.weight", true), ("layers.1.bias", true), ("layers.1.running_mean", false), ("layers.1.running_var", false),
            ("layers.4.kernel", true), ("layers.4.bias", true),
        }));
        Assert.That(model.FinalActivation, Is.EqualTo("softmax"));
        Assert.That(model.Parameters, Has.Count.EqualTo(6));
    }

    [Test]
    public void FirstLayer_AndInferenceModels_AllocateNoInputGradient()
    {
        SequentialModel model = Build(new TensorShape(3), 2, ("0:Type", "dense"), ("0:Activation", "softmax"));
        var input = new Tensor(2, 3);
        model.Forward(input, ForwardContext.Train(1, 1));
        Assert.That(model.Layers[0].Backward(new Tensor(2, 2), needInputGradient: false), Is.Null);
        Assert.Throws<InvalidOperationException>(() => model.Layers[0].Backward(new Tensor(2, 2), needInputGradient: true));
    }

    [Test]
    public void Forward_SampleShapeDiffersFromTheBuiltOne_IsRejectedEvenWithTheSameSize()
    {
        SequentialModel model = Build(new TensorShape(784), 10, ("0:Type", "dense"));
        var error = Assert.Throws<ArgumentException>(() => model.Predict(new Tensor(1, new TensorShape(1, 28, 28))))!;
        Assert.That(error.Message, Does.Contain("[784]").And.Contain("[1, 1, 28, 28]"));
    }

    [Test]
    public void Read_MisspelledLayerOption_FailsBeforeAnyShapeIsKnown()
    {
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Experiment:Model:Layers:0:Type"] = "conv2d", ["Experiment:Model:Layers:0:Filtres"] = "8",
        }).Build().GetSection("Experiment:Model:Layers");
        var error = Assert.Throws<ConfigurationException>(() => new ModelBuilder(Registry).Read(section))!;
        Assert.That(error.Message, Does.Contain("Experiment:Model:Layers:0:Filtres"));
    }

    [Test]
    public void Read_UnknownInitializerName_FailsKeyedByTheOption_ListingKnownOnes()
    {
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Experiment:Model:Layers:0:Type"] = "conv2d", ["Experiment:Model:Layers:0:Filters"] = "8",
            ["Experiment:Model:Layers:0:KernelInitializer"] = "glorot_uniforn",
        }).Build().GetSection("Experiment:Model:Layers");
        var error = Assert.Throws<ConfigurationException>(() => new ModelBuilder(Registry).Read(section))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:0:KernelInitializer"));
        Assert.That(error.Message, Does.Contain("Unknown initializer 'glorot_uniforn'").And.Contain("Did you mean 'glorot_uniform'?"));
    }

    private static float[] Kernel(SequentialModel model) => model.Layers[0].Parameters[0].Value.ReadOnlySpan.ToArray();

    [TestCase("relu", "he_uniform")]
    [TestCase("sigmoid", "glorot_uniform")]
    [TestCase("tanh", "glorot_uniform")]
    [TestCase("selu", "lecun_normal")]
    [TestCase("linear", "glorot_uniform")] // no preference: the layer's own default
    public void KernelInitializerUnset_TakesTheFollowingActivationsChoice(string activation, string expected)
    {
        float[] implied = Kernel(Build(new TensorShape(20), 3, ("0:Type", "dense"), ("0:Units", "50"), ("0:Activation", activation), ("1:Type", "dense")));
        float[] named = Kernel(Build(new TensorShape(20), 3, ("0:Type", "dense"), ("0:Units", "50"), ("0:KernelInitializer", expected), ("0:Activation", activation), ("1:Type", "dense")));
        Assert.That(implied, Is.EqualTo(named));
    }

    [Test]
    public void KernelInitializerSet_WinsOverTheActivationsChoice()
    {
        float[] set = Kernel(Build(new TensorShape(20), 3, ("0:Type", "dense"), ("0:Units", "50"), ("0:KernelInitializer", "glorot_uniform"), ("0:Activation", "relu"), ("1:Type", "dense")));
        float[] he = Kernel(Build(new TensorShape(20), 3, ("0:Type", "dense"), ("0:Units", "50"), ("0:Activation", "relu"), ("1:Type", "dense")));
        Assert.That(set, Is.Not.EqualTo(he));
        Assert.That(set.Max(MathF.Abs), Is.LessThanOrEqualTo(MathF.Sqrt(6f / 70f)), "glorot_uniform's bound √(6 / (20 + 50))");
        Assert.That(he.Max(MathF.Abs), Is.GreaterThan(MathF.Sqrt(6f / 70f)), "he_uniform reaches to √(6 / 20)");
    }

    [Test]
    public void ConvFollowedByRelu_TakesHeUniform()
    {
        static float[] Conv(params (string, string)[] extra) => Kernel(Build(new TensorShape(2, 6, 6), 3,
            [("0:Type", "conv2d"), ("0:Filters", "4"), .. extra, ("1:Type", "flatten"), ("2:Type", "dense")]));
        Assert.That(Conv(("0:Activation", "relu")), Is.EqualTo(Conv(("0:KernelInitializer", "he_uniform"), ("0:Activation", "relu"))));
    }

    [Test]
    public void PReluAfterTheLastDense_DoesNotTakeTheOutputWidth()
    {
        SequentialModel model = Build(new TensorShape(4), 3, ("0:Type", "dense"), ("0:Units", "8"), ("1:Type", "dense"), ("1:Activation", "prelu"));
        Assert.That(model.OutputShape, Is.EqualTo(new TensorShape(3)));
        Assert.That(model.Layers[2].Parameters.Single().Name, Is.EqualTo("weight"));
    }
}
