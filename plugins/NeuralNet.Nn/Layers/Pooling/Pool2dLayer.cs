using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Layers;

/// <summary>
/// What max and average pooling share: [C, H, W] input checked and turned into a <see cref="Pool2dGeometry"/> at build
/// time (errors keyed by the offending option), output and input-gradient buffers allocated once, batch and shape
/// checks; a subclass supplies the two kernels and their one-plane forms (every pooling is a plane layer,
/// <see cref="IPlaneLayer"/>). No parameters, no buffers; nothing is allocated per batch.
/// </summary>
public abstract class Pool2dLayer : IPlaneLayer
{
    private readonly Pool2dOptions _options;
    private readonly string _name;
    private Tensor? _output;
    private Tensor? _inputGradient;
    private int _batch = -1;

    /// <param name="options">Pool size, stride, padding.</param>
    /// <param name="name">The registered name, for messages.</param>
    protected Pool2dLayer(Pool2dOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _name = name;
    }

    /// <summary>The geometry <see cref="Build"/> settled.</summary>
    protected Pool2dGeometry Geometry { get; private set; } = null!;

    public bool HasParameters => false;

    public IReadOnlyList<Parameter> Parameters => [];

    public IReadOnlyList<StateBuffer> Buffers => [];

    public int InputPlaneSize => Geometry.InputHeight * Geometry.InputWidth;

    public int OutputPlaneSize => Geometry.OutputHeight * Geometry.OutputWidth;

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        Pool2dGeometry g = Geometry = Pool2dShapes.Geometry(_name, _options, inputShape, context.ConfigPath);
        var outputShape = new TensorShape(g.Channels, g.OutputHeight, g.OutputWidth);
        _output = new Tensor(context.MaxBatchSize, outputShape);
        _inputGradient = context.AllocatesInputGradient ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _batch = -1;
        OnBuild(context);
        return outputShape;
    }

    public Tensor Forward(Tensor input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output ?? throw new InvalidOperationException($"{_name} layer used before Build.");
        Pool2dGeometry g = Geometry;
        if (input.SampleSize != g.InputSize)
            throw new ArgumentException(
                $"{_name} built for samples [{g.Channels}, {g.InputHeight}, {g.InputWidth}] got input {input.ShapeString}.", nameof(input));
        int batch = input.BatchSize;
        output.SetBatchSize(batch);
        Forward(batch, input.ReadOnlySpan, output.Span);
        _batch = batch;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0) throw new InvalidOperationException($"{_name}: Backward called before Forward.");
        Pool2dGeometry g = Geometry;
        if (outputGradient.BatchSize != _batch || outputGradient.SampleSize != g.OutputSize)
            throw new ArgumentException(
                $"{_name}'s output gradient is {outputGradient.ShapeString}; the last forward output was " +
                $"[{_batch}, {g.Channels}, {g.OutputHeight}, {g.OutputWidth}].", nameof(outputGradient));
        if (!needInputGradient) return null;
        Tensor inputGradient = _inputGradient
            ?? throw new InvalidOperationException($"{_name} was built without an input gradient (first layer, or an inference model).");
        inputGradient.SetBatchSize(_batch);
        Backward(_batch, outputGradient.ReadOnlySpan, inputGradient.Span);
        return inputGradient;
    }

    public Tensor BeginPlanes(int batch)
    {
        Tensor output = _output ?? throw new InvalidOperationException($"{_name} layer used before Build.");
        output.SetBatchSize(batch);
        _batch = batch;
        return output;
    }

    public abstract void ForwardPlanes(int firstPlane, int count, ReadOnlySpan<float> input, Span<float> output);

    public abstract void BackwardPlanes(int firstPlane, int count, ReadOnlySpan<float> outputGradient, Span<float> inputGradient);

    /// <summary>Allocates what the subclass needs beyond the output and input gradient (max pooling's argmax).</summary>
    protected virtual void OnBuild(LayerBuildContext context)
    {
    }

    /// <summary>Pools <paramref name="batch"/> samples of x into y.</summary>
    protected abstract void Forward(int batch, ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Routes dy back to dx (overwritten) for the last forward's <paramref name="batch"/> samples.</summary>
    protected abstract void Backward(int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient);
}
