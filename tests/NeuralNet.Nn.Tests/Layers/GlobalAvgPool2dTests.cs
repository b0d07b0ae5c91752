using NeuralNet.Nn.Layers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Layers;

/// <summary>global_avg_pool2d's gradient check (the rest is in <see cref="PoolingTests"/>).</summary>
public class GlobalAvgPool2dTests
{
    [Test]
    public void Backward_MatchesFiniteDifferences()
    {
        var layer = new GlobalAvgPool2d();
        var shape = new TensorShape(3, 4, 5);
        Assert.That(layer.Build(shape, Plugin.Context(2)), Is.EqualTo(new TensorShape(3)));
        GradientCheck.AssertLayer(layer, Plugin.AwayFromZero(2, shape, seed: 5));
    }
}
