using NeuralNet.Tensors;

namespace NeuralNet.Engine.Model;

/// <summary>One named tensor of a model's state: a parameter or a buffer, named <c>layers.{index}.{name}</c>.</summary>
/// <param name="Name">Hierarchical name, unique within the model.</param>
/// <param name="Value">The tensor (one sample of its shape).</param>
/// <param name="Trainable">True for parameters, false for buffers (running statistics).</param>
public sealed record StateEntry(string Name, Tensor Value, bool Trainable)
{
    public TensorShape Shape => Value.SampleShape;
}
