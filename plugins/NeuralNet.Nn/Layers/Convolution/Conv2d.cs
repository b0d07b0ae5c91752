using System.Globalization;
using NeuralNet.Components;
using NeuralNet.Errors;
using NeuralNet.Initializers;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Layers;

/// <summary>
/// 2-D convolution (cross-correlation, as PyTorch's Conv2d):
/// <c>y[b, f, oh, ow] = bias + Σ_{c,kh,kw} W[f, c, kh, kw] · x[b, c, oh·s - padTop + kh·d, ow·s - padLeft + kw·d]</c>,
/// zero outside the input.
/// </summary>
/// <remarks>
/// <para>Input: samples [C, H, W]. Output: samples [F, OH, OW] with
/// <c>OH = floor((H + padTop + padBottom - d·(KH - 1) - 1) / s) + 1</c>, likewise OW (see <see cref="Conv2dGeometry"/>).</para>
/// <para>Options (<see cref="Conv2dOptions"/>): <c>Filters</c> F (required), <c>KernelSize</c> (3; <c>KernelHeight</c>
/// and <c>KernelWidth</c> override a side), <c>Stride</c> s (1), <c>Padding</c> (<c>valid</c>; or <c>same</c>, or a
/// number of pixels on every side), <c>Dilation</c> d (1), <c>Bias</c> (<c>tied</c>: [F], one per filter;
/// <c>untied</c>: [F, OH, OW], one per filter and output position; <c>none</c>), <c>KernelInitializer</c>
/// (<c>glorot_uniform</c>, fan-in C·KH·KW, fan-out F·KH·KW), <c>BiasInitializer</c> (<c>zeros</c>) and
/// <c>Algorithm</c> (<c>auto</c>, <c>im2col</c> or <c>winograd</c>).</para>
/// <para>Parameters, in order: <c>kernel</c> [F, C, KH, KW] (PyTorch's layout; regularised), then <c>bias</c> (not
/// regularised) unless <c>Bias</c> is <c>none</c>. The work is im2col GEMMs over chunks of the batch
/// (<see cref="ConvolutionKernels"/>) or Winograd F(2x2, 3x3) (<see cref="WinogradConvolution"/>), its scratch taken from the model's shared workspace; the output and
/// input-gradient buffers are allocated once in <see cref="Build"/>, so forward and backward allocate nothing.</para>
/// </remarks>
[Component("conv2d", Aliases = ["convolution2d"], Description = "2-D convolution over [C, H, W] samples: F filters of KH x KW.")]
public sealed class Conv2d(Conv2dOptions options) : ILayer
{
    private readonly Conv2dOptions _options = options;
    private Parameter[] _parameters = [];
    private Parameter? _kernel;
    private Parameter? _bias;
    private Conv2dGeometry? _geometry;
    private Workspace? _workspace;
    private Tensor? _output;
    private Tensor? _inputGradient;
    private Tensor? _input;
    private int _filters;
    private bool _winograd;

    public bool HasParameters => true;

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public IReadOnlyList<StateBuffer> Buffers => [];

    /// <summary>The geometry chosen at build time (null before).</summary>
    public Conv2dGeometry? Geometry => _geometry;

    /// <summary>The algorithm chosen at build time: <c>winograd</c> or <c>im2col</c> (null before).</summary>
    public string? Algorithm => _geometry is null ? null : _winograd ? "winograd" : "im2col";

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        string path = context.ConfigPath;
        if (inputShape.Rank != 3)
            throw new ConfigurationException(path,
                $"conv2d takes samples of shape [channels, height, width] but gets {inputShape}; " +
                "put a \"reshape\" layer before it (for example to [1, 28, 28]) or load the images unflattened.");
        _filters = _options.Filters ?? throw new ConfigurationException($"{path}:Filters",
            "required: the number of filters (output channels) of this conv2d layer.");
        if (_filters < 1)
            throw new ConfigurationException($"{path}:Filters", $"must be at least 1 but is {_filters}.");
        int kernelHeight = _options.KernelHeight ?? _options.KernelSize, kernelWidth = _options.KernelWidth ?? _options.KernelSize;
        if (kernelHeight < 1 || kernelWidth < 1)
            throw new ConfigurationException($"{path}:KernelSize", $"must be at least 1 but the kernel is {kernelHeight}x{kernelWidth}.");
        if (_options.Stride < 1)
            throw new ConfigurationException($"{path}:Stride",
                $"must be at least 1 (the step between output positions) but is {_options.Stride}; input {inputShape}.");
        if (_options.Dilation < 1)
            throw new ConfigurationException($"{path}:Dilation", $"must be at least 1 but is {_options.Dilation}.");
        BiasMode biasMode = ParseBias(_options.Bias, path);

        int channels = inputShape[0], height = inputShape[1], width = inputShape[2];
        try
        {
            _geometry = ParsePadding(_options.Padding, path, inputShape) switch
            {
                null => Conv2dGeometry.Same(channels, height, width, kernelHeight, kernelWidth,
                    _options.Stride, _options.Stride, _options.Dilation, _options.Dilation),
                int pad => Conv2dGeometry.Symmetric(channels, height, width, kernelHeight, kernelWidth,
                    _options.Stride, _options.Stride, pad, pad, _options.Dilation, _options.Dilation),
            };
        }
        catch (ArgumentException error)
        {
            string key = error.ParamName is "kernelHeight" or "kernelWidth" ? $"{path}:KernelSize" : path;
            throw new ConfigurationException(key,
                $"conv2d with a {kernelHeight}x{kernelWidth} kernel, stride {_options.Stride}, padding '{_options.Padding}' " +
                $"and dilation {_options.Dilation} does not fit input {inputShape}: {error.Message}");
        }

        Conv2dGeometry g = _geometry;
        int fanIn = g.ColumnCount, fanOut = _filters * kernelHeight * kernelWidth;
        IInitializer kernelInitializer = context.Components
            .Create<IInitializer>(_options.KernelInitializer?.Name ?? context.ActivationInitializer ?? LayerDefaults.KernelInitializer, _options.KernelInitializer?.Options, $"{path}:KernelInitializer").Component;
        _kernel = new Parameter("kernel", new TensorShape(_filters, channels, kernelHeight, kernelWidth), regularize: true,
            withGradient: context.Training);
        kernelInitializer.Initialize(_kernel.Value.Span, fanIn, fanOut, context.Random);

        if (biasMode == BiasMode.None)
        {
            _bias = null;
            _parameters = [_kernel];
        }
        else
        {
            IInitializer biasInitializer = context.Components
                .Create<IInitializer>(_options.BiasInitializer, null, $"{path}:BiasInitializer").Component;
            TensorShape biasShape = biasMode == BiasMode.Tied
                ? new TensorShape(_filters)
                : new TensorShape(_filters, g.OutputHeight, g.OutputWidth);
            _bias = new Parameter("bias", biasShape, regularize: false, withGradient: context.Training);
            biasInitializer.Initialize(_bias.Value.Span, fanIn, fanOut, context.Random);
            _parameters = [_kernel, _bias];
        }

        _winograd = ParseAlgorithm(_options.Algorithm, path, g, _filters);
        int scratch = ForwardScratchLength(context.MaxBatchSize);
        if (context.Training)
            scratch = Math.Max(scratch, BackwardScratchLength(context.MaxBatchSize));
        _workspace = context.Workspace;
        _workspace.Reserve(scratch);

        var outputShape = new TensorShape(_filters, g.OutputHeight, g.OutputWidth);
        _output = new Tensor(context.MaxBatchSize, outputShape);
        _inputGradient = context.AllocatesInputGradient ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _input = null;
        return outputShape;
    }

    public Tensor Forward(Tensor input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output ?? throw NotBuilt();
        Conv2dGeometry g = _geometry!;
        if (input.SampleSize != g.InputSize)
            throw new ArgumentException(
                $"conv2d built for samples [{g.Channels}, {g.InputHeight}, {g.InputWidth}] got input {input.ShapeString}.", nameof(input));
        int batch = input.BatchSize;
        output.SetBatchSize(batch);
        Span<float> scratch = _workspace!.Get(ForwardScratchLength(batch));
        ReadOnlySpan<float> bias = _bias is null ? default : _bias.Value.ReadOnlySpan;
        if (_winograd)
            WinogradConvolution.Conv2dForward(g, batch, _filters, input.ReadOnlySpan, _kernel!.Value.ReadOnlySpan, bias,
                output.Span, scratch);
        else
            ConvolutionKernels.Conv2dForward(g, batch, _filters, input.ReadOnlySpan, _kernel!.Value.ReadOnlySpan, bias,
                output.Span, scratch);
        _input = input;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Tensor input = _input ?? throw new InvalidOperationException("Conv2d.Backward called before Forward.");
        Conv2dGeometry g = _geometry!;
        int batch = input.BatchSize;
        if (outputGradient.BatchSize != batch || outputGradient.SampleSize != _output!.SampleSize)
            throw new ArgumentException(
                $"conv2d's output gradient is {outputGradient.ShapeString}; the last forward output was " +
                $"[{batch}, {_filters}, {g.OutputHeight}, {g.OutputWidth}].", nameof(outputGradient));

        Tensor? inputGradient = null;
        if (needInputGradient)
        {
            inputGradient = _inputGradient
                ?? throw new InvalidOperationException("conv2d was built without an input gradient (first layer, or an inference model).");
            inputGradient.SetBatchSize(batch);
        }

        Span<float> scratch = _workspace!.Get(BackwardScratchLength(batch));
        Span<float> biasGradient = _bias is null ? default : _bias.Gradient.Span;
        Span<float> dx = inputGradient is null ? default : inputGradient.Span;
        if (_winograd)
            WinogradConvolution.Conv2dBackward(g, batch, _filters, input.ReadOnlySpan, _kernel!.Value.ReadOnlySpan,
                outputGradient.ReadOnlySpan, _kernel.Gradient.Span, biasGradient, dx, scratch);
        else
            ConvolutionKernels.Conv2dBackward(g, batch, _filters, input.ReadOnlySpan, _kernel!.Value.ReadOnlySpan,
                outputGradient.ReadOnlySpan, _kernel.Gradient.Span, biasGradient, dx, scratch);
        return inputGradient;
    }

    private int ForwardScratchLength(int batch) => _winograd
        ? WinogradConvolution.ForwardScratchLength(_geometry!, batch, _filters)
        : ConvolutionKernels.ForwardScratchLength(_geometry!, batch, _filters);

    private int BackwardScratchLength(int batch) => _winograd
        ? WinogradConvolution.BackwardScratchLength(_geometry!, batch, _filters)
        : ConvolutionKernels.BackwardScratchLength(_geometry!, batch, _filters);

    /// <summary>True for Winograd: asked for (and possible), or <c>auto</c> where it is preferred.</summary>
    private static bool ParseAlgorithm(string? value, string path, Conv2dGeometry g, int filters)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "auto":
                return WinogradConvolution.Preferred(g, filters);
            case "im2col":
                return false;
            case "winograd":
                if (!WinogradConvolution.Supports(g))
                    throw new ConfigurationException($"{path}:Algorithm",
                        $"winograd computes 3x3 kernels with stride 1 and dilation 1, but this layer has a {g.KernelHeight}x{g.KernelWidth} " +
                        $"kernel, stride {g.StrideHeight} and dilation {g.DilationHeight}; use auto or im2col.");
                return true;
            default:
                throw new ConfigurationException($"{path}:Algorithm", $"must be auto, im2col or winograd but is '{value}'.");
        }
    }

    private enum BiasMode
    {
        Tied,
        Untied,
        None,
    }

    private static BiasMode ParseBias(string? value, string path) => value?.Trim().ToLowerInvariant() switch
    {
        "tied" => BiasMode.Tied,
        "untied" => BiasMode.Untied,
        "none" => BiasMode.None,
        _ => throw new ConfigurationException($"{path}:Bias", $"must be tied, untied or none but is '{value}'."),
    };

    /// <summary>Null for "same", else the padding on every side.</summary>
    private static int? ParsePadding(string? value, string path, TensorShape inputShape)
    {
        string text = value?.Trim() ?? "";
        if (text.Equals("same", StringComparison.OrdinalIgnoreCase)) return null;
        if (text.Equals("valid", StringComparison.OrdinalIgnoreCase)) return 0;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int pixels) && pixels >= 0)
            return pixels;
        throw new ConfigurationException($"{path}:Padding",
            $"must be valid, same or a whole number of pixels ≥ 0 but is '{value}' (input {inputShape}).");
    }

    private static InvalidOperationException NotBuilt() => new("conv2d layer used before Build.");
}
