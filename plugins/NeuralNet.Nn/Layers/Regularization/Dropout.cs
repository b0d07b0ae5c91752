using NeuralNet.Components;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Layers;

/// <summary>
/// Inverted dropout (PyTorch's <c>nn.Dropout</c>): in training, y = x · m with m = 0 with probability p
/// (<see cref="DropoutOptions.Rate"/>) and m = 1 / (1 − p) otherwise, independently per element, so E[y] = x; in
/// evaluation, y = x.
/// </summary>
/// <remarks>
/// <para>Input: samples of any shape. Output: the same shape. Backward: dx = dy · m (dy in evaluation).</para>
/// <para>The mask is counter-based: at <see cref="Build"/> the layer draws a 64-bit key from the experiment's
/// random source; batch (epoch e, batch b) uses stream <c>CounterRandom.Key(layerKey, e, b)</c> and element i of the
/// batch (flat index, sample-major) is dropped when <c>CounterRandom.Uniform(stream, i)</c> &lt; p. A run is therefore
/// bitwise reproducible for any thread count, and two forward passes with the same <see cref="ForwardContext"/>
/// drop the same elements. The masks differ from PyTorch's (a different generator), not their distribution.</para>
/// <para>Options: <see cref="DropoutOptions.Rate"/> (0.5). No parameters or buffers (the key is not saved: it only
/// matters while training). Output, mask and input-gradient buffers are allocated once in <see cref="Build"/>
/// (no mask for a model built for inference): nothing is allocated per batch.</para>
/// </remarks>
[Component("dropout", Description = "Inverted dropout: zeroes elements with probability Rate while training, scales the rest by 1/(1-Rate).")]
public sealed class Dropout(DropoutOptions options) : ILayer
{
    private readonly float _rate = options.Rate;
    private ulong _key;
    private TensorShape? _shape;
    private Tensor? _output;
    private Tensor? _mask;
    private Tensor? _inputGradient;
    private int _batch = -1;
    private bool _training;

    public bool HasParameters => false;

    public IReadOnlyList<Parameter> Parameters => [];

    public IReadOnlyList<StateBuffer> Buffers => [];

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        _key = (ulong)context.Random.NextInt64(long.MinValue, long.MaxValue);
        _shape = inputShape;
        _output = new Tensor(context.MaxBatchSize, inputShape);
        _mask = context.Training ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _inputGradient = context.AllocatesInputGradient ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _batch = -1;
        return inputShape;
    }

    public Tensor Forward(Tensor input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output ?? throw new InvalidOperationException("Dropout layer used before Build.");
        if (input.SampleShape != _shape)
            throw new ArgumentException($"Dropout layer built for samples of {_shape} got input {input.ShapeString}.", nameof(input));
        output.SetBatchSize(input.BatchSize);
        ReadOnlySpan<float> x = input.ReadOnlySpan;
        Span<float> y = output.Span;
        if (!context.Training)
        {
            x.CopyTo(y);
        }
        else
        {
            Tensor mask = _mask ?? throw new InvalidOperationException("Dropout layer built for inference was run in training mode.");
            mask.SetBatchSize(input.BatchSize);
            Span<float> m = mask.Span;
            ulong stream = CounterRandom.Key(_key, context.Epoch, context.Batch);
            float rate = _rate, scale = 1f / (1f - _rate);
            for (int i = 0; i < m.Length; i++)
            {
                float keep = CounterRandom.Uniform(stream, i) < rate ? 0f : scale;
                m[i] = keep;
                y[i] = x[i] * keep;
            }
        }
        _training = context.Training;
        _batch = input.BatchSize;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0) throw new InvalidOperationException("Dropout.Backward called before Forward.");
        if (outputGradient.BatchSize != _batch || outputGradient.SampleSize != _output!.SampleSize)
            throw new ArgumentException(
                $"Dropout layer's output gradient is {outputGradient.ShapeString}; the last forward output was {_output!.ShapeString}.",
                nameof(outputGradient));
        if (!needInputGradient) return null;
        Tensor inputGradient = _inputGradient
            ?? throw new InvalidOperationException("Dropout layer was built without an input gradient (first layer, or an inference model).");
        inputGradient.SetBatchSize(_batch);
        ReadOnlySpan<float> dy = outputGradient.ReadOnlySpan;
        Span<float> dx = inputGradient.Span;
        if (_training)
        {
            ReadOnlySpan<float> m = _mask!.ReadOnlySpan;
            for (int i = 0; i < dx.Length; i++) dx[i] = dy[i] * m[i];
        }
        else
        {
            dy.CopyTo(dx);
        }
        return inputGradient;
    }
}
