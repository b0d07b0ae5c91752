using NeuralNet.Nn.Layers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Layers;

/// <summary>max_pool2d's gradient check (the rest is in <see cref="PoolingTests"/>): inputs 0.05 apart, so ε = 1e-2 never moves a maximum.</summary>
public class MaxPool2dTests
{
    [TestCase(2, null, 0)]
    [TestCase(3, 2, 1)]
    [TestCase(2, 1, 1)]
    public void Backward_MatchesFiniteDifferences(int poolSize, int? stride, int padding)
    {
        var layer = new MaxPool2d(new Pool2dOptions { PoolSize = poolSize, Stride = stride, Padding = padding });
        var shape = new TensorShape(2, 7, 5);
        layer.Build(shape, Plugin.Context(2));
        GradientCheck.AssertLayer(layer, PoolingTests.Distinct(2, shape, seed: 4));
    }
}
