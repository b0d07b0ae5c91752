using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Model;
using NeuralNet.Errors;
using NeuralNet.Initializers;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Components;

/// <summary>A constructor that throws (an initialiser, a family the registry's other tests do not list).</summary>
[Component("broken_ctor")]
public sealed class BrokenConstructor : IInitializer
{
    public BrokenConstructor() => throw new NullReferenceException("a bug in the plugin");

    public void Initialize(Span<float> values, int fanIn, int fanOut, Random random) { }
}

/// <summary>A component whose constructor or Forward throws is a plugin fault (exit 6) naming the plugin file and the component.</summary>
public sealed class FaultyComponentTests
{
    private static ComponentRegistry Registry() => ComponentRegistry.ForAssemblies(typeof(BrokenConstructor).Assembly);

    [Test]
    public void ConstructorThatThrows_IsAPluginError_NamingTheComponentAndItsFile()
    {
        var error = Assert.Throws<PluginLoadException>(() => Registry().Create<IInitializer>("broken_ctor", null, "Experiment:Model:Layers:0"))!;
        Assert.That(error.ExitCode, Is.EqualTo(6));
        Assert.That(error.Message, Does.Contain("'broken_ctor'").And.Contain("constructor").And.Contain("threw NullReferenceException: a bug in the plugin"));
        Assert.That(error.File, Is.EqualTo(Registry().Find<IInitializer>("broken_ctor", "x").Origin));
    }

    [Test]
    public void ForwardThatThrows_IsAPluginError_NamingTheLayerAndItsAssembly()
    {
        var builder = new ModelBuilder(Registry());
        SequentialModel model = builder.Build(ModelBuilder.FromSpecs([new LayerSpec("plain", null)], "test"), new TensorShape(3), 3, 2, new Random(1), training: false);
        var error = Assert.Throws<PluginLoadException>(() => model.Predict(new Tensor(2, 3)))!;
        Assert.That(error.ExitCode, Is.EqualTo(6));
        Assert.That(error.Message, Does.Contain("layer 0 'plain'").And.Contain("Forward").And.Contain("NotSupportedException"));
        Assert.That(error.File, Is.EqualTo(typeof(Plain).Assembly.Location));
    }
}
