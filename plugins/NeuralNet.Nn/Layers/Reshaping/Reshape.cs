using NeuralNet.Components;
using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Nn.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Layers;

/// <summary>
/// Gives each sample a new shape with the same number of elements, in the same row-major order (PyTorch's
/// <c>x.reshape(batch, *Shape)</c>): [784] → [1, 28, 28] with <c>Shape = [1, 28, 28]</c>.
/// </summary>
/// <remarks>
/// <para>Input: samples of any shape. Output: samples of <see cref="ReshapeOptions.Shape"/>, where one −1 entry is
/// inferred as the input size divided by the product of the others. Backward reshapes the output gradient back to
/// the input's shape.</para>
/// <para>Options: <see cref="ReshapeOptions.Shape"/> (required). No parameters or buffers. A shape whose size differs
/// from the input's (or that no whole −1 completes) fails at <see cref="Build"/> with a
/// <see cref="ConfigurationException"/> keyed <c>…:Shape</c> naming both shapes.</para>
/// <para>Forward and backward return views of the other layers' arrays under the new shape, not copies, made once per
/// array (see ReshapeBuffers): nothing is allocated per batch.</para>
/// </remarks>
[Component("reshape", Description = "Gives each sample a new shape with the same number of elements (one -1 entry is inferred).")]
public sealed class Reshape(ReshapeOptions options) : ILayer
{
    private readonly ReshapeOptions _options = options;
    private readonly ReshapeBuffers _buffers = new("Reshape");

    public bool HasParameters => false;

    public IReadOnlyList<Parameter> Parameters => [];

    public IReadOnlyList<StateBuffer> Buffers => [];

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(context);
        TensorShape outputShape = OutputShape(inputShape, $"{context.ConfigPath}:Shape");
        _buffers.Build(inputShape, outputShape, context);
        return outputShape;
    }

    public Tensor Forward(Tensor input, ForwardContext context) => _buffers.Forward(input);

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient) => _buffers.Backward(outputGradient, needInputGradient);

    private TensorShape OutputShape(TensorShape inputShape, string key)
    {
        List<int> requested = _options.Shape;
        string shapes = $"the input samples are {inputShape} ({inputShape.Size} values) but Shape is {ReshapeOptions.Describe(requested)}";
        if (requested.Count == 0 || requested.Any(d => d == 0 || d < -1) || requested.Count(d => d == -1) > 1)
            throw new ConfigurationException(key, $"{shapes}: every dimension must be ≥ 1, with at most one -1 (inferred).");
        long known = 1;
        foreach (int d in requested)
            if (d != -1) known *= d;
        int[] dims = [.. requested];
        int inferred = requested.IndexOf(-1);
        if (inferred >= 0)
        {
            if (known > inputShape.Size || inputShape.Size % known != 0)
                throw new ConfigurationException(key, $"{shapes}: {inputShape.Size} is not a multiple of {known}, so no whole size fits the -1.");
            dims[inferred] = (int)(inputShape.Size / known);
        }
        else if (known != inputShape.Size)
        {
            throw new ConfigurationException(key, $"{shapes} ({known} values); the sizes must be equal.");
        }
        return new TensorShape(dims);
    }
}
