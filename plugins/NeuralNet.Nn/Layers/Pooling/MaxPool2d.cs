using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Layers;

/// <summary>
/// 2-D max pooling, as PyTorch's MaxPool2d (floor mode, no dilation): <c>y[b, c, oh, ow] = max</c> of x over the
/// window of rows <c>oh·s - p</c> .. <c>oh·s - p + k - 1</c> and the matching columns, the padding never winning.
/// </summary>
/// <remarks>
/// <para>Input: samples [C, H, W]. Output: samples [C, OH, OW] with <c>OH = floor((H + 2p - k) / s) + 1</c>, likewise OW.</para>
/// <para>Options (<see cref="Pool2dOptions"/>): <c>PoolSize</c> k (2), <c>Stride</c> s (default k), <c>Padding</c> p
/// (0, at most k / 2). Backward routes each output gradient to its window's maximum (the first one in row-major order
/// on ties), whose index the forward pass records in an int buffer allocated at build time. A plane layer
/// (<see cref="IPlaneLayer"/>): batch norm before it pools each plane as it normalises it. No parameters, no buffers;
/// nothing is allocated per batch.</para>
/// </remarks>
[Component("max_pool2d", Aliases = ["maxpool2d", "max_pooling2d"], Description = "2-D max pooling over [C, H, W] samples.")]
public sealed class MaxPool2d(Pool2dOptions options) : Pool2dLayer(options, "max_pool2d")
{
    private int[] _argmax = [];

    protected override void OnBuild(LayerBuildContext context) => _argmax = new int[(long)context.MaxBatchSize * Geometry.OutputSize];

    protected override void Forward(int batch, ReadOnlySpan<float> input, Span<float> output)
        => PoolingKernels.MaxPool2dForward(Geometry, batch, input, output, _argmax.AsSpan(0, batch * Geometry.OutputSize));

    protected override void Backward(int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
        => PoolingKernels.MaxPool2dBackward(Geometry, batch, outputGradient, _argmax.AsSpan(0, batch * Geometry.OutputSize), inputGradient);

    public override void ForwardPlanes(int firstPlane, int count, ReadOnlySpan<float> input, Span<float> output)
        => PoolingKernels.MaxPool2dForwardPlanes(Geometry, count, input, output, _argmax.AsSpan(firstPlane * OutputPlaneSize, count * OutputPlaneSize));

    public override void BackwardPlanes(int firstPlane, int count, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
        => PoolingKernels.MaxPool2dBackwardPlanes(Geometry, count, outputGradient, _argmax.AsSpan(firstPlane * OutputPlaneSize, count * OutputPlaneSize),
            inputGradient);
}
