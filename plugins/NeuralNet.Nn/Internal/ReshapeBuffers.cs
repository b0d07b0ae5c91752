using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Internal;

/// <summary>
/// The buffers of a layer that only changes the sample shape (flatten, reshape): forward returns the input's floats
/// under the new shape, backward the output gradient's under the input's shape, without copying. Each is a view
/// tensor wrapping the other layer's array (the same floats, its own shape and batch size), made once per array it
/// has wrapped: a layer's outputs and gradients are arrays it allocated once, so after the first batches nothing is
/// allocated. Past <see cref="Views"/> distinct arrays (a caller that hands in fresh tensors every time) it copies
/// into buffers of its own instead, allocated on first need.
/// </summary>
internal sealed class ReshapeBuffers(string layer)
{
    /// <summary>Arrays each direction keeps a view of (the batch loader alternates between two input tensors).</summary>
    internal const int Views = 4;

    private readonly ViewCache _forward = new(), _backward = new();
    private TensorShape? _inputShape;
    private TensorShape? _outputShape;
    private int _maxBatch;
    private bool _needsInputGradient;
    private int _batch = -1;

    public void Build(TensorShape inputShape, TensorShape outputShape, LayerBuildContext context)
    {
        _inputShape = inputShape;
        _outputShape = outputShape;
        _maxBatch = context.MaxBatchSize;
        _needsInputGradient = context.AllocatesInputGradient;
        _forward.Clear();
        _backward.Clear();
        _batch = -1;
    }

    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        TensorShape outputShape = _outputShape ?? throw new InvalidOperationException($"{layer} layer used before Build.");
        if (input.SampleShape != _inputShape)
            throw new ArgumentException($"{layer} layer built for samples of {_inputShape} got input {input.ShapeString}.", nameof(input));
        Tensor output = _forward.View(input, outputShape, _maxBatch);
        _batch = input.BatchSize;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0) throw new InvalidOperationException($"{layer}.Backward called before Forward.");
        if (outputGradient.BatchSize != _batch || outputGradient.SampleSize != _outputShape!.Size)
            throw new ArgumentException(
                $"{layer} layer's output gradient is {outputGradient.ShapeString}; the last forward output was [{_batch}, {_outputShape}].",
                nameof(outputGradient));
        if (!needInputGradient) return null;
        if (!_needsInputGradient)
            throw new InvalidOperationException($"{layer} layer was built without an input gradient (first layer, or an inference model).");
        return _backward.View(outputGradient, _inputShape!, _maxBatch);
    }

    /// <summary>Views of up to <see cref="Views"/> arrays under one shape, then an owned copy.</summary>
    private sealed class ViewCache
    {
        private readonly float[]?[] _arrays = new float[Views][];
        private readonly Tensor?[] _views = new Tensor[Views];
        private Tensor? _copy;

        public void Clear()
        {
            Array.Clear(_arrays);
            Array.Clear(_views);
            _copy = null;
        }

        public Tensor View(Tensor source, TensorShape shape, int maxBatch)
        {
            for (int i = 0; i < Views; i++)
            {
                if (_arrays[i] is null)
                {
                    _arrays[i] = source.Buffer;
                    _views[i] = new Tensor(source.Buffer, source.BatchSize, shape);
                }
                if (ReferenceEquals(_arrays[i], source.Buffer))
                {
                    Tensor view = _views[i]!;
                    view.SetBatchSize(source.BatchSize);
                    return view;
                }
            }
            Tensor copy = _copy ??= new Tensor(Math.Max(maxBatch, source.BatchSize), shape);
            copy.SetBatchSize(source.BatchSize);
            source.ReadOnlySpan.CopyTo(copy.Span);
            return copy;
        }
    }
}
