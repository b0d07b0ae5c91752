using NeuralNet.Nn.Layers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Layers;

/// <summary>avg_pool2d's gradient check (the rest is in <see cref="PoolingTests"/>).</summary>
public class AvgPool2dTests
{
    [TestCase(2, null, 0)]
    [TestCase(3, 2, 1)]
    [TestCase(3, 1, 0)]
    public void Backward_MatchesFiniteDifferences(int poolSize, int? stride, int padding)
    {
        var layer = new AvgPool2d(new Pool2dOptions { PoolSize = poolSize, Stride = stride, Padding = padding });
        var shape = new TensorShape(2, 7, 5);
        layer.Build(shape, Plugin.Context(2));
        GradientCheck.AssertLayer(layer, Plugin.AwayFromZero(2, shape, seed: 4));
    }
}
