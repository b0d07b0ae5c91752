using NeuralNet.Tensors;

namespace NeuralNet.Layers;

/// <summary>A trainable tensor and its gradient, owned by a layer and updated by an optimizer.</summary>
public sealed class Parameter
{
    public Parameter(string name, TensorShape shape, bool regularize)
    {
        Name = name;
        Value = new Tensor(1, shape);
        Gradient = new Tensor(1, shape);
        Regularize = regularize;
    }

    /// <summary>Name within its layer: <c>kernel</c>, <c>bias</c>.</summary>
    public string Name { get; }

    /// <summary>The values, as one sample of the parameter's shape.</summary>
    public Tensor Value { get; }

    /// <summary>d(loss)/d(value) for the last batch; <see cref="ILayer.Backward"/> overwrites it.</summary>
    public Tensor Gradient { get; }

    /// <summary>Whether L1/L2 penalties apply (weights yes, biases no).</summary>
    public bool Regularize { get; }

    public int Length => Value.Length;
}
