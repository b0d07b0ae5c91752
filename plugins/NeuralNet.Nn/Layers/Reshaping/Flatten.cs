using NeuralNet.Components;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Layers;

/// <summary>
/// Flattens each sample to one dimension: [C, H, W] (any rank) → [C·H·W], row-major, so the element order is
/// unchanged (PyTorch's <c>nn.Flatten()</c> with its default start_dim = 1). The batch dimension is kept.
/// </summary>
/// <remarks>
/// <para>Input: samples of any shape. Output: samples of shape [size of the input shape]. Backward reshapes the
/// output gradient back to the input's shape. No options, parameters or buffers.</para>
/// <para>Forward returns the input's floats under the flat shape, and backward the gradient's under the input's shape:
/// views of the other layers' arrays, not copies, made once per array (see ReshapeBuffers), so nothing is allocated
/// per batch.</para>
/// </remarks>
[Component("flatten", Description = "Flattens each sample to one dimension: [C, H, W] -> [C*H*W].")]
public sealed class Flatten : ILayer
{
    private readonly ReshapeBuffers _buffers = new("Flatten");

    public bool HasParameters => false;

    public IReadOnlyList<Parameter> Parameters => [];

    public IReadOnlyList<StateBuffer> Buffers => [];

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        var outputShape = new TensorShape(inputShape.Size);
        _buffers.Build(inputShape, outputShape, context);
        return outputShape;
    }

    public Tensor Forward(Tensor input, ForwardContext context) => _buffers.Forward(input);

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient) => _buffers.Backward(outputGradient, needInputGradient);
}
