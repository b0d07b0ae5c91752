using NeuralNet.Tensors;

namespace NeuralNet.Layers;

/// <summary>
/// Non-trainable layer state that is saved with the model and restored by name, like a PyTorch buffer:
/// batch norm's <c>running_mean</c> and <c>running_var</c>. Optimizers never see it.
/// </summary>
public sealed class StateBuffer
{
    public StateBuffer(string name, TensorShape shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Value = new Tensor(1, shape);
    }

    /// <summary>Name within its layer.</summary>
    public string Name { get; }

    /// <summary>The values, as one sample of the buffer's shape.</summary>
    public Tensor Value { get; }

    public TensorShape Shape => Value.SampleShape;
}
