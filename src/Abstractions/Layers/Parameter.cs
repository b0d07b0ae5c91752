using NeuralNet.Tensors;

namespace NeuralNet.Layers;

/// <summary>A trainable tensor and its gradient, owned by a layer and updated by an optimizer.</summary>
public sealed class Parameter
{
    private readonly Tensor? _gradient;

    /// <param name="name">Name within its layer: <c>kernel</c>, <c>bias</c>.</param>
    /// <param name="shape">The parameter's shape.</param>
    /// <param name="regularize">Whether L1/L2 penalties apply (weights yes, biases and normalisation scales no).</param>
    /// <param name="withGradient">False for a model built for inference: no gradient buffer is allocated.</param>
    public Parameter(string name, TensorShape shape, bool regularize, bool withGradient = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Value = new Tensor(1, shape);
        _gradient = withGradient ? new Tensor(1, shape) : null;
        Regularize = regularize;
    }

    /// <summary>Name within its layer: <c>kernel</c>, <c>bias</c>.</summary>
    public string Name { get; }

    /// <summary>The values, as one sample of the parameter's shape.</summary>
    public Tensor Value { get; }

    /// <summary>d(loss)/d(value) for the last batch; <see cref="ILayer.Backward"/> overwrites it.</summary>
    /// <exception cref="InvalidOperationException">The layer was built for inference and has no gradients.</exception>
    public Tensor Gradient => _gradient ?? throw new InvalidOperationException($"Parameter '{Name}' belongs to a model built for inference: it has no gradient.");

    /// <summary>Whether a gradient buffer exists (false for inference-only models).</summary>
    public bool HasGradient => _gradient is not null;

    /// <summary>Whether L1/L2 penalties apply (weights yes, biases no).</summary>
    public bool Regularize { get; }

    public TensorShape Shape => Value.SampleShape;

    public int Length => Value.Length;
}
