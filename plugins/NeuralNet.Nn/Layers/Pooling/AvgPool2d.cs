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
/// toward zero. Backward adds dy / k² to every real pixel of each window. No parameters, no buffers; nothing is
/// allocated per batch.</para>
/// </remarks>
[Component("avg_pool2d", Aliases = ["avgpool2d", "average_pooling2d"], Description = "2-D average pooling over [C, H, W] samples (padding counts in the divisor).")]
public sealed class AvgPool2d(Pool2dOptions options) : ILayer
{
    private readonly Pool2dOptions _options = options;
    private Pool2dGeometry? _geometry;
    private Tensor? _output;
    private Tensor? _inputGradient;
    private int _batch = -1;

    public bool HasParameters => false;

    public IReadOnlyList<Parameter> Parameters => [];

    public IReadOnlyList<StateBuffer> Buffers => [];

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        Pool2dGeometry g = _geometry = Pool2dShapes.Geometry("avg_pool2d", _options, inputShape, context.ConfigPath);
        var outputShape = new TensorShape(g.Channels, g.OutputHeight, g.OutputWidth);
        _output = new Tensor(context.MaxBatchSize, outputShape);
        _inputGradient = context.AllocatesInputGradient ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _batch = -1;
        return outputShape;
    }

    public Tensor Forward(Tensor input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output ?? throw new InvalidOperationException("avg_pool2d layer used before Build.");
        Pool2dGeometry g = _geometry!;
        if (input.SampleSize != g.InputSize)
            throw new ArgumentException(
                $"avg_pool2d built for samples [{g.Channels}, {g.InputHeight}, {g.InputWidth}] got input {input.ShapeString}.", nameof(input));
        int batch = input.BatchSize;
        output.SetBatchSize(batch);
        PoolingKernels.AvgPool2dForward(g, batch, input.ReadOnlySpan, output.Span, countIncludePadding: true);
        _batch = batch;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0) throw new InvalidOperationException("AvgPool2d.Backward called before Forward.");
        Pool2dGeometry g = _geometry!;
        if (outputGradient.BatchSize != _batch || outputGradient.SampleSize != g.OutputSize)
            throw new ArgumentException(
                $"avg_pool2d's output gradient is {outputGradient.ShapeString}; the last forward output was " +
                $"[{_batch}, {g.Channels}, {g.OutputHeight}, {g.OutputWidth}].", nameof(outputGradient));
        if (!needInputGradient) return null;
        Tensor inputGradient = _inputGradient
            ?? throw new InvalidOperationException("avg_pool2d was built without an input gradient (first layer, or an inference model).");
        inputGradient.SetBatchSize(_batch);
        PoolingKernels.AvgPool2dBackward(g, _batch, outputGradient.ReadOnlySpan, inputGradient.Span, countIncludePadding: true);
        return inputGradient;
    }
}
