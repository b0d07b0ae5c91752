using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Nn.Activations;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Activations;

/// <summary>
/// prelu as a layer with a parameter: gradient check of input and slope(s), shared or per channel, on flat and
/// [C, H, W] samples. Its PyTorch values are in <see cref="ActivationTests"/> (References/activations.json).
/// </summary>
public class PReluTests
{
    [TestCase(1, new[] { 6 })]
    [TestCase(6, new[] { 6 })]
    [TestCase(1, new[] { 3, 4, 5 })]
    [TestCase(3, new[] { 3, 4, 5 })]
    public void Backward_InputAndSlopes_MatchFiniteDifferences(int slopes, int[] dims)
    {
        var shape = new TensorShape(dims);
        ILayer layer = Plugin.Create<ILayer>("prelu", new Dictionary<string, string?> { ["NumParameters"] = $"{slopes}", ["Init"] = "0.3" });
        Assert.That(layer.Build(shape, Plugin.Context(4)), Is.EqualTo(shape));
        Assert.That(layer.Parameters.Single().Shape, Is.EqualTo(new TensorShape(slopes)));
        GradientCheck.AssertLayer(layer, Plugin.AwayFromZero(4, shape, seed: 21));
    }

    [Test]
    public void Backward_PerChannel_SumsEachChannelsNegativeInputsOnly()
    {
        // Two samples of [2, 2]: channel 0 holds (-1, 2) and (-3, 4); channel 1 holds (5, -6) and (7, -8).
        var layer = new PRelu(new PReluOptions { NumParameters = 2 });
        layer.Build(new TensorShape(2, 2), Plugin.Context(2));
        var input = new Tensor([-1f, 2f, 5f, -6f, -3f, 4f, 7f, -8f], 2, new TensorShape(2, 2));
        Tensor output = layer.Forward(input, ForwardContext.Train(1, 1));
        Assert.That(output.ReadOnlySpan.ToArray(), Is.EqualTo(new[] { -0.25f, 2f, 5f, -1.5f, -0.75f, 4f, 7f, -2f }));
        var ones = new Tensor(2, new TensorShape(2, 2));
        ones.Span.Fill(1f);
        layer.Backward(ones, needInputGradient: false);
        Assert.That(layer.Parameters[0].Gradient.ReadOnlySpan.ToArray(), Is.EqualTo(new[] { -4f, -14f }));
    }

    [Test]
    public void Build_SlopesOtherThanOneOrTheChannels_NamesTheOptionAndShape()
    {
        ILayer layer = Plugin.Create<ILayer>("prelu", new Dictionary<string, string?> { ["NumParameters"] = "4" });
        var error = Assert.Throws<ConfigurationException>(() => layer.Build(new TensorShape(3, 4, 5), Plugin.Context(2)))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:0:NumParameters"));
        Assert.That(error.Message, Does.Contain("[3, 4, 5]").And.Contain("3"));
    }
}
