using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Internal;

/// <summary>
/// The buffers of a layer that only changes the sample shape (flatten, reshape): forward copies the input into an
/// owned output of the new shape, backward copies the output gradient into an owned input gradient of the input's
/// shape. Copying (rather than wrapping the previous layer's buffer) keeps each tensor's owner and batch size
/// independent, and costs little next to the layers around it.
/// </summary>
internal sealed class ReshapeBuffers(string layer)
{
    private Tensor? _output;
    private Tensor? _inputGradient;
    private TensorShape? _inputShape;
    private int _batch = -1;

    public void Build(TensorShape inputShape, TensorShape outputShape, LayerBuildContext context)
    {
        _inputShape = inputShape;
        _output = new Tensor(context.MaxBatchSize, outputShape);
        _inputGradient = context.AllocatesInputGradient ? new Tensor(context.MaxBatchSize, inputShape) : null;
        _batch = -1;
    }

    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output ?? throw new InvalidOperationException($"{layer} layer used before Build.");
        if (input.SampleShape != _inputShape)
            throw new ArgumentException($"{layer} layer built for samples of {_inputShape} got input {input.ShapeString}.", nameof(input));
        output.SetBatchSize(input.BatchSize);
        input.ReadOnlySpan.CopyTo(output.Span);
        _batch = input.BatchSize;
        return output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0) throw new InvalidOperationException($"{layer}.Backward called before Forward.");
        if (outputGradient.BatchSize != _batch || outputGradient.SampleSize != _output!.SampleSize)
            throw new ArgumentException(
                $"{layer} layer's output gradient is {outputGradient.ShapeString}; the last forward output was {_output!.ShapeString}.",
                nameof(outputGradient));
        if (!needInputGradient) return null;
        Tensor inputGradient = _inputGradient
            ?? throw new InvalidOperationException($"{layer} layer was built without an input gradient (first layer, or an inference model).");
        inputGradient.SetBatchSize(_batch);
        outputGradient.ReadOnlySpan.CopyTo(inputGradient.Span);
        return inputGradient;
    }
}
