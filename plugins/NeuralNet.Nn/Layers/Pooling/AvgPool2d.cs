using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Layers;

/// <summary>
/// 2-D average pooling, as PyTorch's AvgPool2d with its defaults (floor mode, <c>count_include_pad=True</c>):
/// <c>y[b, c, oh, ow] = (Σ window of x) / k²</c>, padded positions counting as zeros and in the divisor.
/// </summary>
/// <remarks>
/// <para>Input: samples [C, H, W]. Output: samples [C, OH, OW] with <c>OH = floor((H + 2p - k) / s) + 1</c>, likewise OW.</para>
/// <para>Options (<see cref="Pool2dOptions"/>): <c>PoolSize</c> k (2), <c>Stride</c> s (default k), <c>Padding</c> p
/// (0, at most k / 2). The divisor is always k² (padding included), so a window overlapping the padding averages
/// toward zero. Backward adds dy / k² to every real pixel of each window. A plane layer (<see cref="IPlaneLayer"/>): a
/// layer before it can pool each plane as it produces it. No parameters, no buffers; nothing is
/// allocated per batch.</para>
/// </remarks>
[Component("avg_pool2d", Aliases = ["avgpool2d", "average_pooling2d"], Description = "2-D average pooling over [C, H, W] samples (padding counts in the divisor).")]
public sealed class AvgPool2d(Pool2dOptions options) : Pool2dLayer(options, "avg_pool2d")
{
    protected override void Forward(int batch, ReadOnlySpan<float> input, Span<float> output)
        => PoolingKernels.AvgPool2dForward(Geometry, batch, input, output, countIncludePadding: true);

    protected override void Backward(int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
        => PoolingKernels.AvgPool2dBackward(Geometry, batch, outputGradient, inputGradient, countIncludePadding: true);

    public override void ForwardPlanes(int firstPlane, int count, ReadOnlySpan<float> input, Span<float> output)
        => PoolingKernels.AvgPool2dForwardPlanes(Geometry, count, input, output, countIncludePadding: true);

    public override void BackwardPlanes(int firstPlane, int count, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
        => PoolingKernels.AvgPool2dBackwardPlanes(Geometry, count, outputGradient, inputGradient, countIncludePadding: true);
}
