using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Errors;
using NeuralNet.Initializers;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Layers;

/// <summary>
/// Fully connected layer: Y = X·W + b, with X the batch of input samples flattened to rows [B x inputs], the kernel
/// W stored [inputs x units] (the transpose of PyTorch's Linear.weight) and the bias b [units] added to every row.
/// </summary>
/// <remarks>
/// <para>Input: samples of shape [inputs] (a "flatten" layer turns [C, H, W] into that). Output: samples of shape [units].</para>
/// <para>Backward, from dY [B x units]: dW = Xᵀ·dY, db = Σ_rows dY, and, when asked, dX = dY·Wᵀ in the input's shape.</para>
/// <para>Options: <see cref="DenseOptions.Units"/> (null: the data's target width, for the last layer),
/// <see cref="DenseOptions.UseBias"/> (true), <see cref="DenseOptions.KernelInitializer"/> (<c>glorot_uniform</c>),
/// <see cref="DenseOptions.BiasInitializer"/> (<c>zeros</c>). Parameters, in order: <c>kernel</c> (regularised),
/// then <c>bias</c> (not regularised). The output and input-gradient buffers are allocated once in
/// <see cref="Build"/> for the largest batch: forward and backward allocate nothing.</para>
/// <para>An <c>Activation</c> key beside the layer's options is the engine's business (it adds an activation layer).</para>
/// </remarks>
[Component("dense", Aliases = ["fully_connected"], Description = "Fully connected layer: X * W + b.")]
public sealed class Dense(DenseOptions options) : ILayer, IFusesActivation
{
    private readonly DenseOptions _options = options;
    private Parameter[] _parameters = [];
    private Parameter? _kernel;
    private Parameter? _bias;
    private Tensor? _output;
    private Tensor? _inputGradient;
    private Tensor? _input;
    private int _inputs;
    private int _units;
    private IElementwiseActivation? _activation;

    public bool HasParameters => true;

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public IReadOnlyList<StateBuffer> Buffers => [];

    /// <summary>Applies <paramref name="activation"/> to the output right after the GEMM, and its derivative to the output gradient first thing in backward.</summary>
    public bool FuseActivation(IElementwiseActivation activation)
    {
        _activation = activation ?? throw new ArgumentNullException(nameof(activation));
        return true;
    }

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        _units = _options.Units ?? context.OutputSize ?? throw new ConfigurationException($"{context.ConfigPath}:Units",
            "required: the number of outputs of this dense layer. Only the last layer may omit it (it then takes the width of the data's targets).");
        if (inputShape.Rank != 1)
            throw new ConfigurationException(context.ConfigPath,
                $"dense takes samples of one dimension but gets {inputShape}; put a \"flatten\" layer before it.");
        _inputs = inputShape.Size;

        IInitializer kernelInitializer = context.Components
            .Create<IInitializer>(_options.KernelInitializer?.Name ?? context.ActivationInitializer ?? LayerDefaults.KernelInitializer, _options.KernelInitializer?.Options, $"{context.ConfigPath}:KernelInitializer").Component;
        _kernel = new Parameter("kernel", new TensorShape(_inputs, _units), regularize: true, withGradient: context.Training);
        kernelInitializer.Initialize(_kernel.Value.Span, _inputs, _units, context.Random);

        if (_options.UseBias)
        {
            IInitializer biasInitializer = context.Components
                .Create<IInitializer>(_options.BiasInitializer, null, $"{context.ConfigPath}:BiasInitializer").Component;
            _bias = new Parameter("bias", new TensorShape(_units), regularize: false, withGradient: context.Training);
            biasInitializer.Initialize(_bias.Value.Span, _inputs, _units, context.Random);
            _parameters = [_kernel, _bias];
        }
        else
        {
            _bias = null;
            _parameters = [_kernel];
        }

        var outputShape = new TensorShape(_units);
        _output = new Tensor(context.MaxBatchSize, outputShape);
        _inputGradient = context.AllocatesInputGradient ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _input = null;
        return outputShape;
    }

    public Tensor Forward(Tensor input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output ?? throw NotBuilt();
        if (input.SampleSize != _inputs)
            throw new ArgumentException($"Dense layer built for samples of {_inputs} values got input {input.ShapeString}.", nameof(input));
        int batch = input.BatchSize;
        output.SetBatchSize(batch);

        if (_bias is not null)
        {
            MatrixKernels.BroadcastRow(_bias.Value.ReadOnlySpan, output.Span, batch);
            Gemm.Multiply(false, false, batch, _units, _inputs, input.ReadOnlySpan, _kernel!.Value.ReadOnlySpan, output.Span, beta: 1f);
        }
        else
        {
            Gemm.Multiply(false, false, batch, _units, _inputs, input.ReadOnlySpan, _kernel!.Value.ReadOnlySpan, output.Span);
        }
        _activation?.Apply(output.Span);
        _input = input;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Tensor input = _input ?? throw new InvalidOperationException("Dense.Backward called before Forward.");
        if (outputGradient.BatchSize != input.BatchSize || outputGradient.SampleSize != _units)
            throw new ArgumentException(
                $"Dense layer's output gradient is {outputGradient.ShapeString}; the last forward output was [{input.BatchSize}, {_units}].",
                nameof(outputGradient));
        int batch = input.BatchSize;
        if (_activation is not null) // the gradient before the fused activation, in place (the output gradient is ours to overwrite then)
            _activation.ScaleByDerivative(_output!.ReadOnlySpan, outputGradient.Span);

        Gemm.Multiply(true, false, _inputs, _units, batch, input.ReadOnlySpan, outputGradient.ReadOnlySpan, _kernel!.Gradient.Span);
        if (_bias is not null)
            MatrixKernels.ColumnSums(outputGradient.ReadOnlySpan, batch, _bias.Gradient.Span);
        if (!needInputGradient) return null;

        Tensor inputGradient = _inputGradient
            ?? throw new InvalidOperationException("Dense layer was built without an input gradient (first layer, or an inference model).");
        inputGradient.SetBatchSize(batch);
        Gemm.Multiply(false, true, batch, _inputs, _units, outputGradient.ReadOnlySpan, _kernel.Value.ReadOnlySpan, inputGradient.Span);
        return inputGradient;
    }

    private static InvalidOperationException NotBuilt() => new("Dense layer used before Build.");
}
