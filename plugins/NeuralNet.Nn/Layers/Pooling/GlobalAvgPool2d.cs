using NeuralNet.Components;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Layers;

/// <summary>
/// Global average pooling: <c>y[b, c] = (1 / (H·W)) · Σ_{h,w} x[b, c, h, w]</c>, turning samples [C, H, W] into [C]
/// (PyTorch's <c>AdaptiveAvgPool2d(1)</c> followed by a flatten).
/// </summary>
/// <remarks>Backward: <c>dx[b, c, h, w] = dy[b, c] / (H·W)</c>. No options, parameters or buffers; nothing is allocated per batch.</remarks>
[Component("global_avg_pool2d", Aliases = ["global_average_pooling2d"], Description = "Average of each channel: [C, H, W] -> [C].")]
public sealed class GlobalAvgPool2d : ILayer
{
    private Tensor? _output;
    private Tensor? _inputGradient;
    private int _channels;
    private int _plane;
    private int _batch = -1;

    public bool HasParameters => false;

    public IReadOnlyList<Parameter> Parameters => [];

    public IReadOnlyList<StateBuffer> Buffers => [];

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        Pool2dShapes.RequireImages("global_avg_pool2d", inputShape, context.ConfigPath);
        _channels = inputShape[0];
        _plane = inputShape[1] * inputShape[2];
        var outputShape = new TensorShape(_channels);
        _output = new Tensor(context.MaxBatchSize, outputShape);
        _inputGradient = context.AllocatesInputGradient ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _batch = -1;
        return outputShape;
    }

    public Tensor Forward(Tensor input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output ?? throw new InvalidOperationException("global_avg_pool2d layer used before Build.");
        if (input.SampleSize != _channels * _plane)
            throw new ArgumentException(
                $"global_avg_pool2d built for samples of {_channels} channels x {_plane} pixels got input {input.ShapeString}.", nameof(input));
        int batch = input.BatchSize;
        output.SetBatchSize(batch);
        PoolingKernels.GlobalAvgPoolForward(batch, _channels, _plane, input.ReadOnlySpan, output.Span);
        _batch = batch;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0) throw new InvalidOperationException("GlobalAvgPool2d.Backward called before Forward.");
        if (outputGradient.BatchSize != _batch || outputGradient.SampleSize != _channels)
            throw new ArgumentException(
                $"global_avg_pool2d's output gradient is {outputGradient.ShapeString}; the last forward output was [{_batch}, {_channels}].",
                nameof(outputGradient));
        if (!needInputGradient) return null;
        Tensor inputGradient = _inputGradient
            ?? throw new InvalidOperationException("global_avg_pool2d was built without an input gradient (first layer, or an inference model).");
        inputGradient.SetBatchSize(_batch);
        PoolingKernels.GlobalAvgPoolBackward(_batch, _channels, _plane, outputGradient.ReadOnlySpan, inputGradient.Span);
        return inputGradient;
    }
}
