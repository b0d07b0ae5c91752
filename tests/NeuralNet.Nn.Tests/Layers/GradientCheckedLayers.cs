using NeuralNet.Nn.Activations;
using NeuralNet.Nn.Layers;

namespace NeuralNet.Nn.Tests.Layers;

/// <summary>
/// The layer types that have a gradient-check test: a test class named <c>{Type}Tests</c> with a test whose name
/// contains <c>FiniteDifferences</c> (calling <c>GradientCheck.AssertLayer</c>). <see cref="LayerContractTests"/> fails
/// for any layer registered in the plugin but missing here, and for any listed layer without such a test.
/// Add one line per new layer.
/// </summary>
internal static class GradientCheckedLayers
{
    public static readonly Type[] Types =
    [
        typeof(Dense),
        typeof(Flatten),
        typeof(Reshape),
        typeof(Dropout),
        typeof(BatchNorm),
        typeof(Conv2d),
        typeof(MaxPool2d),
        typeof(AvgPool2d),
        typeof(GlobalAvgPool2d),
        typeof(PRelu), // an activation with a parameter: checked as a layer, in PReluTests
    ];
}
