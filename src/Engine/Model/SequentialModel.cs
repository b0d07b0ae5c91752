using NeuralNet.Errors;
using NeuralNet.Activations;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Model;

/// <summary>A stack of built layers, each output feeding the next, with the specs that rebuild it and its named state.</summary>
public sealed class SequentialModel
{
    internal SequentialModel(IReadOnlyList<ILayer> layers, IReadOnlyList<LayerSpec> specs, IReadOnlyList<TensorShape> outputShapes,
        TensorShape inputShape, int maxBatchSize, bool training, Workspace workspace, IReadOnlyList<LayerPenalty>? penalties = null,
        IReadOnlyList<bool>? fused = null)
    {
        Fused = fused ?? new bool[layers.Count];
        Penalties = penalties ?? new LayerPenalty[layers.Count];
        Layers = layers;
        Specs = specs;
        OutputShapes = outputShapes;
        InputShape = inputShape;
        OutputShape = outputShapes[^1];
        MaxBatchSize = maxBatchSize;
        IsTrainable = training;
        Workspace = workspace;
        Parameters = layers.SelectMany(l => l.Parameters).ToArray();
        var state = new List<StateEntry>();
        for (int i = 0; i < layers.Count; i++)
        {
            foreach (Parameter p in layers[i].Parameters) state.Add(new StateEntry($"layers.{i}.{p.Name}", p.Value, Trainable: true));
            foreach (StateBuffer b in layers[i].Buffers) state.Add(new StateEntry($"layers.{i}.{b.Name}", b.Value, Trainable: false));
        }
        var duplicate = state.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two state tensors of the model are named '{duplicate.Key}': a layer names two of its parameters or buffers alike.");
        State = state;
    }

    public IReadOnlyList<ILayer> Layers { get; }

    /// <summary>
    /// Per layer: true for an element-wise activation that the layer before it applies as it writes its output
    /// (<see cref="IFusesActivation"/>). The model does not run such a layer; it stays in <see cref="Layers"/> so
    /// positions, names and summaries are those of the configuration.
    /// </summary>
    public IReadOnlyList<bool> Fused { get; }

    /// <summary>Each layer's own L1/L2 weight penalties (none for a loaded model), which the trainer applies over the global ones.</summary>
    public IReadOnlyList<LayerPenalty> Penalties { get; }

    public IReadOnlyList<LayerSpec> Specs { get; }

    /// <summary>The sample shape each layer produces.</summary>
    public IReadOnlyList<TensorShape> OutputShapes { get; }

    public TensorShape InputShape { get; }

    public TensorShape OutputShape { get; }

    /// <summary>The largest batch the layers' buffers hold.</summary>
    public int MaxBatchSize { get; }

    /// <summary>False for a model built for inference only: no gradient buffers, <see cref="Backward"/> unavailable.</summary>
    public bool IsTrainable { get; }

    /// <summary>Scratch memory shared by the layers.</summary>
    public Workspace Workspace { get; }

    /// <summary>Every trainable parameter, layer by layer, in a fixed order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Every parameter and buffer by hierarchical name (<c>layers.3.running_mean</c>), layer by layer.</summary>
    public IReadOnlyList<StateEntry> State { get; }

    public long ParameterCount => Parameters.Sum(p => (long)p.Length);

    /// <summary>Floats of parameters and buffers together.</summary>
    public long StateSize => State.Sum(s => (long)s.Value.Length);

    /// <summary>The registered name of the final layer when it is an activation (for loss fusion), else null.</summary>
    public string? FinalActivation => Layers.Count > 0 && Layers[^1] is IActivation ? Specs[^1].Name : null;

    /// <summary>Runs layers [0, <paramref name="end"/>) on <paramref name="input"/>; returns the last output (a layer-owned buffer).</summary>
    public Tensor Forward(Tensor input, ForwardContext context, int? end = null)
    {
        if (input.SampleShape != InputShape)
            throw new ArgumentException($"Model expects samples of {InputShape} but got {input.ShapeString}.");
        if (input.BatchSize > MaxBatchSize)
            throw new ArgumentException($"Batch of {input.BatchSize} exceeds the model's buffers ({MaxBatchSize}).");
        Tensor x = input;
        int stop = end ?? Layers.Count;
        for (int i = 0; i < stop; i++)
        {
            if (Fused[i]) continue; // the layer before applied it
            try
            {
                x = Layers[i].Forward(x, context);
            }
            catch (Exception e) when (e is not (NeuralNetException or OperationCanceledException or OutOfMemoryException))
            {
                // A layer that throws is a fault of its plugin: name the plugin file and the component (exit code 6).
                throw new PluginLoadException(Layers[i].GetType().Assembly.Location,
                    $"layer {i} '{Specs[i].Name}' ({Layers[i].GetType().FullName}) failed in Forward on {x.ShapeString}: {e.GetType().Name}: {e.Message}", e);
            }
        }
        return x;
    }

    /// <summary>Back-propagates <paramref name="gradient"/> (d loss / d output of layer <paramref name="from"/> - 1) down to the first layer.</summary>
    public void Backward(Tensor gradient, int? from = null)
    {
        if (!IsTrainable) throw new InvalidOperationException("This model was built for inference: it has no gradient buffers.");
        Tensor? g = gradient;
        for (int i = (from ?? Layers.Count) - 1; i >= 0; i--)
            if (!Fused[i]) g = Layers[i].Backward(g!, needInputGradient: i > 0);
    }

    /// <summary>Predictions for <paramref name="input"/> in evaluation mode; the result is a layer-owned buffer valid until the next call.</summary>
    public Tensor Predict(Tensor input) => Forward(input, ForwardContext.Evaluation);
}
