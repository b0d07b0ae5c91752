using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Model;

/// <summary>A stack of built layers, each output feeding the next, with the specs that rebuild it.</summary>
public sealed class SequentialModel
{
    internal SequentialModel(IReadOnlyList<ILayer> layers, IReadOnlyList<LayerSpec> specs, TensorShape inputShape, TensorShape outputShape, int maxBatchSize)
    {
        Layers = layers;
        Specs = specs;
        InputShape = inputShape;
        OutputShape = outputShape;
        MaxBatchSize = maxBatchSize;
        Parameters = layers.SelectMany(l => l.Parameters).ToArray();
    }

    public IReadOnlyList<ILayer> Layers { get; }

    public IReadOnlyList<LayerSpec> Specs { get; }

    public TensorShape InputShape { get; }

    public TensorShape OutputShape { get; }

    /// <summary>The largest batch the layers' buffers hold.</summary>
    public int MaxBatchSize { get; }

    /// <summary>Every trainable parameter, layer by layer, in a fixed order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    public long ParameterCount => Parameters.Sum(p => (long)p.Length);

    /// <summary>The final activation layer, when the model ends in one.</summary>
    public ActivationLayer? FinalActivation => Layers.Count > 0 ? Layers[^1] as ActivationLayer : null;

    /// <summary>Runs layers [0, <paramref name="end"/>) on <paramref name="input"/>; returns the last output (a layer-owned buffer).</summary>
    public Tensor Forward(Tensor input, bool training, int? end = null)
    {
        if (input.SampleShape.Size != InputShape.Size)
            throw new ArgumentException($"Model expects samples of {InputShape} but got {input.ShapeString}.");
        if (input.BatchSize > MaxBatchSize)
            throw new ArgumentException($"Batch of {input.BatchSize} exceeds the model's buffers ({MaxBatchSize}).");
        Tensor x = input;
        int stop = end ?? Layers.Count;
        for (int i = 0; i < stop; i++) x = Layers[i].Forward(x, training);
        return x;
    }

    /// <summary>Back-propagates <paramref name="gradient"/> (d loss / d output of layer <paramref name="from"/> - 1) down to the first layer.</summary>
    public void Backward(Tensor gradient, int? from = null)
    {
        Tensor? g = gradient;
        for (int i = (from ?? Layers.Count) - 1; i >= 0; i--)
            g = Layers[i].Backward(g!, needInputGradient: i > 0);
    }

    /// <summary>Predictions for <paramref name="input"/>; the result is a layer-owned buffer valid until the next call.</summary>
    public Tensor Predict(Tensor input) => Forward(input, training: false);
}
