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
/// on ties), whose index the forward pass records in an int buffer allocated at build time. No parameters, no buffers;
/// nothing is allocated per batch.</para>
/// </remarks>
[Component("max_pool2d", Aliases = ["maxpool2d", "max_pooling2d"], Description = "2-D max pooling over [C, H, W] samples.")]
public sealed class MaxPool2d(Pool2dOptions options) : ILayer
{
    private readonly Pool2dOptions _options = options;
    private Pool2dGeometry? _geometry;
    private Tensor? _output;
    private Tensor? _inputGradient;
    private int[] _argmax = [];
    private int _batch = -1;

    public bool HasParameters => false;

    public IReadOnlyList<Parameter> Parameters => [];

    public IReadOnlyList<StateBuffer> Buffers => [];

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        Pool2dGeometry g = _geometry = Pool2dShapes.Geometry("max_pool2d", _options, inputShape, context.ConfigPath);
        var outputShape = new TensorShape(g.Channels, g.OutputHeight, g.OutputWidth);
        _output = new Tensor(context.MaxBatchSize, outputShape);
        _argmax = new int[(long)context.MaxBatchSize * g.OutputSize];
        _inputGradient = context.AllocatesInputGradient ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _batch = -1;
        return outputShape;
    }

    public Tensor Forward(Tensor input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output ?? throw new InvalidOperationException("max_pool2d layer used before Build.");
        Pool2dGeometry g = _geometry!;
        if (input.SampleSize != g.InputSize)
            throw new ArgumentException(
                $"max_pool2d built for samples [{g.Channels}, {g.InputHeight}, {g.InputWidth}] got input {input.ShapeString}.", nameof(input));
        int batch = input.BatchSize;
        output.SetBatchSize(batch);
        PoolingKernels.MaxPool2dForward(g, batch, input.ReadOnlySpan, output.Span, _argmax.AsSpan(0, batch * g.OutputSize));
        _batch = batch;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0) throw new InvalidOperationException("MaxPool2d.Backward called before Forward.");
        Pool2dGeometry g = _geometry!;
        if (outputGradient.BatchSize != _batch || outputGradient.SampleSize != g.OutputSize)
            throw new ArgumentException(
                $"max_pool2d's output gradient is {outputGradient.ShapeString}; the last forward output was " +
                $"[{_batch}, {g.Channels}, {g.OutputHeight}, {g.OutputWidth}].", nameof(outputGradient));
        if (!needInputGradient) return null;
        Tensor inputGradient = _inputGradient
            ?? throw new InvalidOperationException("max_pool2d was built without an input gradient (first layer, or an inference model).");
        inputGradient.SetBatchSize(_batch);
        PoolingKernels.MaxPool2dBackward(g, _batch, outputGradient.ReadOnlySpan, _argmax.AsSpan(0, _batch * g.OutputSize),
            inputGradient.Span);
        return inputGradient;
    }
}
