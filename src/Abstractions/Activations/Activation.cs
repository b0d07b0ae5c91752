using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Activations;

/// <summary>
/// Base class of activations: the <see cref="ILayer"/> part (output shape = input shape, no parameters, output and
/// input-gradient buffers sized once at build time, none for the input gradient of a first layer or an inference
/// model) around the two functions an activation defines. Part of the contract, like <c>BackgroundService</c> in
/// the hosting abstractions: a plugin's activation is a class with <c>Forward</c> and <c>Backward</c>.
/// </summary>
public abstract class Activation : IActivation
{
    private Tensor? _input;
    private Tensor? _output;
    private Tensor? _inputGradient;

    /// <inheritdoc/>
    public abstract void Forward(Tensor input, Tensor output);

    /// <inheritdoc/>
    public abstract void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient);

    /// <inheritdoc/>
    public virtual string? WeightInitializer => null;

    public bool HasParameters => false;

    public IReadOnlyList<Parameter> Parameters => [];

    public IReadOnlyList<StateBuffer> Buffers => [];

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        _output = new Tensor(context.MaxBatchSize, inputShape);
        _inputGradient = context.AllocatesInputGradient ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _input = null;
        return inputShape;
    }

    public Tensor Forward(Tensor input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output ?? throw new InvalidOperationException($"{GetType().Name} used before Build.");
        if (input.SampleShape != output.SampleShape)
            throw new ArgumentException($"{GetType().Name} built for samples of {output.SampleShape} got input {input.ShapeString}.", nameof(input));
        output.SetBatchSize(input.BatchSize);
        Forward(input, output);
        _input = input;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!needInputGradient) return null;
        Tensor input = _input ?? throw new InvalidOperationException($"{GetType().Name}: Backward before Forward.");
        Tensor inputGradient = _inputGradient
            ?? throw new InvalidOperationException($"{GetType().Name} was built without an input gradient (first layer, or an inference model).");
        inputGradient.SetBatchSize(outputGradient.BatchSize);
        Backward(input, _output!, outputGradient, inputGradient);
        return inputGradient;
    }
}
