using NeuralNet.Activations;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Model;

/// <summary>
/// Engine adapter that runs an <see cref="IActivation"/> as a layer. Not a registered component: a layer's
/// <c>"Activation"</c> key, or a layer entry whose <c>Type</c> names an activation, becomes one of these.
/// </summary>
public sealed class ActivationLayer(IActivation activation, string name) : ILayer
{
    private Tensor? _input;
    private Tensor _output = null!;
    private Tensor _inputGradient = null!;

    public IActivation Activation { get; } = activation;

    /// <summary>The activation's canonical registered name (<c>softmax</c>).</summary>
    public string Name { get; } = name;

    public IReadOnlyList<Parameter> Parameters => [];

    /// <summary>The output of the last forward pass.</summary>
    public Tensor Output => _output;

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        _output = new Tensor(context.MaxBatchSize, inputShape);
        _inputGradient = new Tensor(context.MaxBatchSize, inputShape);
        return inputShape;
    }

    public Tensor Forward(Tensor input, bool training)
    {
        _input = input;
        _output.SetBatchSize(input.BatchSize);
        Activation.Forward(input, _output);
        return _output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        if (!needInputGradient) return null;
        Tensor input = _input ?? throw new InvalidOperationException($"Activation '{Name}': Backward before Forward.");
        _inputGradient.SetBatchSize(outputGradient.BatchSize);
        Activation.Backward(input, _output, outputGradient, _inputGradient);
        return _inputGradient;
    }
}
