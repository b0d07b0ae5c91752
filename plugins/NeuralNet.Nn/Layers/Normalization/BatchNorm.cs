using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Errors;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Layers;

/// <summary>
/// Batch normalisation (Ioffe &amp; Szegedy, 2015), as PyTorch's <c>nn.BatchNorm1d</c> (input [F], after a dense
/// layer) and <c>nn.BatchNorm2d</c> (input [C, H, W], after a convolution) in one component, chosen by the input's
/// rank: y = (x − μ_c) / √(σ²_c + ε) · γ_c + β_c per channel c (a feature of a [F] input; a channel of a [C, H, W]
/// input, over every position).
/// </summary>
/// <remarks>
/// <para>Training: μ_c and σ²_c are the mean and biased variance of channel c over the batch (and H, W), N values;
/// the running statistics then move towards them: running_mean = (1 − momentum) · running_mean + momentum · μ and
/// running_var = (1 − momentum) · running_var + momentum · σ² · N / (N − 1) (the unbiased variance, as PyTorch).
/// Evaluation: μ and σ² are the running statistics, and nothing is updated.</para>
/// <para>Backward, with x̂ = (x − μ) / √(σ² + ε): dγ = Σ dy · x̂, dβ = Σ dy, and in training
/// dx = γ / √(σ² + ε) · (dy − Σdy / N − x̂ · Σ(dy · x̂) / N) (sums over the channel's N values, in double); after an
/// evaluation forward, μ and σ² are constants and dx = γ / √(σ² + ε) · dy.</para>
/// <para>Input and output: samples of [F] or [C, H, W] (same shape); other ranks are rejected at <see cref="Build"/>.
/// Training needs more than one value per channel (a batch of one [F] sample has none to normalise over).</para>
/// <para>Options: <see cref="BatchNormOptions.Momentum"/> (0.1), <see cref="BatchNormOptions.Epsilon"/> (1e-5),
/// <see cref="BatchNormOptions.Affine"/> (true). Parameters (when affine): <c>weight</c> (γ, init 1) and <c>bias</c>
/// (β, init 0), [C] each, neither regularised. Buffers: <c>running_mean</c> (init 0) and <c>running_var</c> (init 1),
/// [C] each. Per-channel statistics, output and input-gradient buffers are allocated once in <see cref="Build"/>:
/// nothing is allocated per batch. The kernels (<see cref="NormalizationKernels"/>) split channels across threads and
/// give bitwise identical results for any thread count.</para>
/// <para>Fusion: an element-wise activation after it (<see cref="IFusesActivation"/>) is applied to each plane as it
/// is normalised, and a pooling layer after that (<see cref="IFusesPlaneLayer"/>) pools each plane there too, so in
/// a conv, batch norm, relu, pool block the full-size normalised tensor never goes to memory.</para>
/// </remarks>
[Component("batch_norm", Aliases = ["batchnorm", "batch_normalization"],
    Description = "Batch normalisation per feature ([F]) or per channel ([C, H, W]), with running statistics for evaluation.")]
public sealed class BatchNorm(BatchNormOptions options) : ILayer, IFusesActivation, IFusesPlaneLayer
{
    private readonly BatchNormOptions _options = options;
    private Parameter[] _parameters = [];
    private StateBuffer[] _buffers = [];
    private Parameter? _weight;
    private Parameter? _bias;
    private StateBuffer? _runningMean;
    private StateBuffer? _runningVar;
    private TensorShape? _shape;
    private int _channels;
    private int _spatial;
    private float[] _mean = [];
    private float[] _variance = [];
    private float[] _invStd = [];
    private float[] _sumDy = [];
    private float[] _sumDyXhat = [];
    private Tensor? _output;
    private Tensor? _inputGradient;
    private Tensor? _input;
    private bool _training;
    private InPlaceMap? _activation;
    private GradientScale? _activationDerivative;
    private IPlaneLayer? _plane;
    private PlaneForward? _planeForward;
    private PlaneBackward? _planeBackward;

    public bool HasParameters => _options.Affine;

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public IReadOnlyList<StateBuffer> Buffers => _buffers;

    /// <summary>Applies <paramref name="activation"/> to each plane as it is normalised, and its derivative to the output gradient in the first backward pass.</summary>
    public bool FuseActivation(IElementwiseActivation activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        _activation = activation.Apply; // bound once: the kernels call them per plane without allocating
        _activationDerivative = activation.ScaleByDerivative;
        return true;
    }

    /// <summary>
    /// Runs a plane layer after it (max or average pooling) on each normalised (and activated) plane while it is in
    /// cache, for [C, H, W] samples whose planes hold at least <see cref="NormalizationKernels.PlaneMinimum"/> values;
    /// its own full-size output is then never written (and not allocated), and the backward pass rebuilds each plane's
    /// gradient from the plane layer's. Bitwise the same results as the two layers apart.
    /// </summary>
    public bool FusePlaneLayer(IPlaneLayer next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (_shape is not { Rank: 3 } || _spatial < NormalizationKernels.PlaneMinimum || _plane is not null) return false;
        _plane = next;
        _planeForward = next.ForwardPlanes; // bound once: the kernels call them per run of planes without allocating
        _planeBackward = next.BackwardPlanes;
        _output = null;
        return true;
    }

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        (_channels, _spatial) = inputShape.Rank switch
        {
            1 => (inputShape[0], 1),
            3 => (inputShape[0], inputShape[1] * inputShape[2]),
            _ => throw new ConfigurationException(context.ConfigPath,
                $"batch_norm takes samples of [features] (after a dense layer) or [channels, height, width] (after a convolution), but gets {inputShape} (rank {inputShape.Rank})."),
        };
        _shape = inputShape;
        var channelShape = new TensorShape(_channels);

        if (_options.Affine)
        {
            _weight = new Parameter("weight", channelShape, regularize: false, withGradient: context.Training);
            _weight.Value.Span.Fill(1f);
            _bias = new Parameter("bias", channelShape, regularize: false, withGradient: context.Training);
            _parameters = [_weight, _bias];
        }
        else
        {
            (_weight, _bias) = (null, null);
            _parameters = [];
        }
        _runningMean = new StateBuffer("running_mean", channelShape);
        _runningVar = new StateBuffer("running_var", channelShape);
        _runningVar.Value.Span.Fill(1f);
        _buffers = [_runningMean, _runningVar];

        _mean = new float[_channels];
        _variance = new float[_channels];
        _invStd = new float[_channels];
        _sumDy = context.Training ? new float[_channels] : [];
        _sumDyXhat = context.Training ? new float[_channels] : [];
        _output = new Tensor(context.MaxBatchSize, inputShape);
        _inputGradient = context.AllocatesInputGradient ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _input = null;
        return inputShape;
    }

    public Tensor Forward(Tensor input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_shape is null) throw new InvalidOperationException("BatchNorm layer used before Build.");
        if (input.SampleShape != _shape)
            throw new ArgumentException($"BatchNorm layer built for samples of {_shape} got input {input.ShapeString}.", nameof(input));
        int batch = input.BatchSize;
        ReadOnlySpan<float> x = input.ReadOnlySpan;

        if (context.Training)
        {
            long count = (long)batch * _spatial;
            if (count < 2)
                throw new ArgumentException(
                    $"BatchNorm needs more than one value per channel in training, but input {input.ShapeString} has {count}; use a batch of at least 2.",
                    nameof(input));
            NormalizationKernels.MeanVariance(x, batch, _channels, _spatial, _mean, _variance);
            Span<float> runningMean = _runningMean!.Value.Span, runningVar = _runningVar!.Value.Span;
            double momentum = _options.Momentum, epsilon = _options.Epsilon, unbias = count / (count - 1.0);
            for (int c = 0; c < _channels; c++)
            {
                _invStd[c] = (float)(1.0 / Math.Sqrt(_variance[c] + epsilon));
                runningMean[c] = (float)((1 - momentum) * runningMean[c] + momentum * _mean[c]);
                runningVar[c] = (float)((1 - momentum) * runningVar[c] + momentum * _variance[c] * unbias);
            }
        }
        else
        {
            _runningMean!.Value.ReadOnlySpan.CopyTo(_mean);
            ReadOnlySpan<float> runningVar = _runningVar!.Value.ReadOnlySpan;
            double epsilon = _options.Epsilon;
            for (int c = 0; c < _channels; c++) _invStd[c] = (float)(1.0 / Math.Sqrt(runningVar[c] + epsilon));
        }

        ReadOnlySpan<float> gamma = _weight is null ? [] : _weight.Value.ReadOnlySpan, beta = _bias is null ? [] : _bias.Value.ReadOnlySpan;
        Tensor output;
        if (_plane is not null)
        {
            if (_plane.InputPlaneSize != _spatial)
                throw new InvalidOperationException($"BatchNorm fused a plane layer taking planes of {_plane.InputPlaneSize} values, but its planes hold {_spatial}.");
            output = _plane.BeginPlanes(batch);
            NormalizationKernels.NormalizePlanes(x, batch, _channels, _spatial, _mean, _invStd, gamma, beta, _activation, _planeForward!,
                _plane.OutputPlaneSize, output.Span);
        }
        else
        {
            output = _output ?? throw new InvalidOperationException("BatchNorm layer used before Build.");
            output.SetBatchSize(batch);
            NormalizationKernels.Normalize(x, batch, _channels, _spatial, _mean, _invStd, gamma, beta, output.Span, _activation);
        }
        _input = input;
        _training = context.Training;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Tensor input = _input ?? throw new InvalidOperationException("BatchNorm.Backward called before Forward.");
        int outputSampleSize = _plane is null ? input.SampleSize : _channels * _plane.OutputPlaneSize;
        if (outputGradient.BatchSize != input.BatchSize || outputGradient.SampleSize != outputSampleSize)
            throw new ArgumentException(
                $"BatchNorm layer's output gradient is {outputGradient.ShapeString}; the last forward output was {input.ShapeString}.",
                nameof(outputGradient));
        if (_sumDy.Length != _channels)
            throw new InvalidOperationException("BatchNorm layer was built for inference: it has no gradients.");
        if (!needInputGradient && _weight is null) return null;
        int batch = input.BatchSize;
        ReadOnlySpan<float> x = input.ReadOnlySpan, dy = outputGradient.ReadOnlySpan;

        ReadOnlySpan<float> gamma = _weight is null ? [] : _weight.Value.ReadOnlySpan, beta = _bias is null ? [] : _bias.Value.ReadOnlySpan;
        if (_plane is not null)
        {
            // dy is rebuilt a plane at a time from the plane layer's gradient, into the input gradient's buffer when
            // there is one (dx is then computed over it).
            Span<float> rebuilt = [];
            if (needInputGradient && _inputGradient is not null)
            {
                _inputGradient.SetBatchSize(batch);
                rebuilt = _inputGradient.Span;
            }
            NormalizationKernels.BackwardReductionsThroughPlanes(x, dy, _plane.OutputPlaneSize, _planeBackward!, _activation, _activationDerivative,
                batch, _channels, _spatial, _mean, _invStd, gamma, beta, _sumDy, _sumDyXhat, rebuilt);
            dy = rebuilt;
        }
        else if (_activationDerivative is null)
            NormalizationKernels.BackwardReductions(x, dy, batch, _channels, _spatial, _mean, _invStd, _sumDy, _sumDyXhat);
        else // dy becomes the gradient before the fused activation, in place (the output gradient is ours to overwrite then)
            NormalizationKernels.BackwardReductionsThroughActivation(x, outputGradient.Span, _output!.ReadOnlySpan, _activationDerivative,
                batch, _channels, _spatial, _mean, _invStd, _sumDy, _sumDyXhat);
        if (_weight is not null)
        {
            _sumDyXhat.CopyTo(_weight.Gradient.Span);
            _sumDy.CopyTo(_bias!.Gradient.Span);
        }
        if (!needInputGradient) return null;

        Tensor inputGradient = _inputGradient
            ?? throw new InvalidOperationException("BatchNorm layer was built without an input gradient (first layer, or an inference model).");
        inputGradient.SetBatchSize(batch);
        NormalizationKernels.BackwardInput(x, dy, batch, _channels, _spatial, _mean, _invStd, gamma, _sumDy, _sumDyXhat,
            batchStatistics: _training, inputGradient.Span); // with a fused plane layer dy is this buffer: dx overwrites it in place
        return inputGradient;
    }
}
