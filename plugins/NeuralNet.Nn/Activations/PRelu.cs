using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Errors;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Activations;

/// <summary>
/// Parametric ReLU (He et al. 2015), as PyTorch's <c>nn.PReLU</c>: f(x) = x for x &gt; 0, else a·x, with a learnable
/// slope a: one shared by every element (<see cref="PReluOptions.NumParameters"/> = 1, the default) or one per channel,
/// the first dimension of a sample (features of <c>[F]</c>, channels of <c>[C, H, W]</c>), when NumParameters equals it.
/// </summary>
/// <remarks>
/// <para>An activation with a parameter: it can stand where any activation can (<c>"Activation": "prelu"</c>), and is
/// also a layer with parameter <c>weight</c> (shape <c>[NumParameters]</c>, initialised to
/// <see cref="PReluOptions.Init"/> = 0.25, not regularised, as PyTorch has no weight decay on it by default). The model
/// builder never gives it the data's output width: activations keep their input shape.</para>
/// <para>Backward: dx = x &gt; 0 ? dy : a·dy; da = Σ dy·x over the elements with x ≤ 0 (the kink goes with the slope, as PyTorch).</para>
/// </remarks>
[Component("prelu", Description = "Parametric ReLU: x if x > 0 else a * x, a learnable (one, or one per channel).")]
public sealed class PRelu(PReluOptions options) : IActivation
{
    private readonly PReluOptions _options = options;
    private Parameter? _weight;
    private Parameter[] _parameters = [];
    private Tensor? _input;
    private Tensor? _output;
    private Tensor? _inputGradient;
    private TensorShape? _shape;
    private int _channels;
    private int _inner;

    public string? WeightInitializer => "he_uniform";

    public bool HasParameters => true;

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public IReadOnlyList<StateBuffer> Buffers => [];

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        int count = _options.NumParameters;
        if (count != 1 && count != inputShape[0])
            throw new ConfigurationException($"{context.ConfigPath}:NumParameters",
                $"is {count}, but prelu gets samples of {inputShape} with {inputShape[0]} channels (the first dimension): use 1 (one shared slope) or {inputShape[0]} (one per channel).");
        _channels = inputShape[0];
        _inner = inputShape.Size / _channels;
        _shape = inputShape;
        _weight = new Parameter("weight", new TensorShape(count), regularize: false, withGradient: context.Training);
        _weight.Value.Span.Fill(_options.Init);
        _parameters = [_weight];
        _output = new Tensor(context.MaxBatchSize, inputShape);
        _inputGradient = context.AllocatesInputGradient ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _input = null;
        return inputShape;
    }

    public void Forward(Tensor input, Tensor output)
    {
        TensorChecks.SameSize(input, output, nameof(input), nameof(output));
        Parameter weight = _weight ?? throw NotBuilt();
        ActivationKernels.PRelu(input.ReadOnlySpan, weight.Value.ReadOnlySpan, _channels, _inner, output.Span);
    }

    public void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        TensorChecks.SameSize(input, inputGradient, nameof(input), nameof(inputGradient));
        Parameter weight = _weight ?? throw NotBuilt();
        ActivationKernels.PReluBackward(input.ReadOnlySpan, outputGradient.ReadOnlySpan, weight.Value.ReadOnlySpan, _channels, _inner,
            inputGradient.Span, weight.Gradient.Span);
    }

    public Tensor Forward(Tensor input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output ?? throw NotBuilt();
        if (input.SampleShape != _shape)
            throw new ArgumentException($"PRelu built for samples of {_shape} got input {input.ShapeString}.", nameof(input));
        output.SetBatchSize(input.BatchSize);
        Forward(input, output);
        _input = input;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Tensor input = _input ?? throw new InvalidOperationException("PRelu: Backward before Forward.");
        Parameter weight = _weight!;
        TensorChecks.SameSize(input, outputGradient, nameof(input), nameof(outputGradient));
        if (!needInputGradient)
        {
            ActivationKernels.PReluBackward(input.ReadOnlySpan, outputGradient.ReadOnlySpan, weight.Value.ReadOnlySpan, _channels, _inner,
                [], weight.Gradient.Span);
            return null;
        }
        Tensor inputGradient = _inputGradient
            ?? throw new InvalidOperationException("PRelu was built without an input gradient (first layer, or an inference model).");
        inputGradient.SetBatchSize(outputGradient.BatchSize);
        Backward(input, _output!, outputGradient, inputGradient);
        return inputGradient;
    }

    private static InvalidOperationException NotBuilt() => new("PRelu used before Build.");
}
