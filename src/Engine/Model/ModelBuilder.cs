using Microsoft.Extensions.Configuration;
using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Model;

/// <summary>
/// Builds a <see cref="SequentialModel"/> from layer definitions (config or a saved model) and the data's shapes.
/// A layer entry's <c>"Activation"</c> key adds an activation layer after it; an entry whose <c>Type</c> names an
/// activation is one. The last layer with a <c>Type</c> from the layer family gets the targets' width as
/// <see cref="LayerBuildContext.OutputSize"/>, so its size need not be written.
/// </summary>
public sealed class ModelBuilder(ComponentRegistry registry)
{
    private static readonly IReadOnlySet<string> LayerKeys = new HashSet<string>(["Type", "Activation"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads <c>Model:Layers</c>, resolving every name now so a typo fails before any data is loaded.</summary>
    public IReadOnlyList<LayerDefinition> Read(IConfigurationSection layers)
    {
        var definitions = new List<LayerDefinition>();
        foreach (IConfigurationSection entry in layers.GetChildren().OrderBy(c => int.TryParse(c.Key, out int i) ? i : int.MaxValue))
        {
            ComponentSpec spec = ComponentSpec.Read(entry, "layer");
            if (registry.Contains<ILayer>(spec.Name))
                definitions.Add(new LayerDefinition(LayerKind.Layer, spec.Name, spec.Options, entry.Path));
            else if (registry.Contains<IActivation>(spec.Name))
                definitions.Add(new LayerDefinition(LayerKind.Activation, spec.Name, spec.Options, entry.Path));
            else
                registry.Find<ILayer>(spec.Name, spec.NameKey); // throws "Unknown layer 'x'. Known: ..."

            IConfigurationSection activation = entry.GetSection("Activation");
            if (activation.Value is not null || activation.GetChildren().Any())
            {
                ComponentSpec act = ComponentSpec.Read(activation, "activation");
                registry.Find<IActivation>(act.Name, act.NameKey);
                definitions.Add(new LayerDefinition(LayerKind.Activation, act.Name, act.Options, activation.Path));
            }
        }
        if (definitions.Count == 0)
            throw new ConfigurationException(layers.Path, "required: a list of at least one layer, e.g. [ { \"Type\": \"dense\", \"Units\": 100, \"Activation\": \"relu\" } ].");
        return definitions;
    }

    /// <summary>Definitions that rebuild the layers of a saved model.</summary>
    public static IReadOnlyList<LayerDefinition> FromSpecs(IReadOnlyList<LayerSpec> specs, string source)
        => specs.Select((s, i) => new LayerDefinition(s.Kind, s.Name, ComponentOptionsJson.ToConfiguration(s.Options), $"{source}:layers:{i}")).ToArray();

    /// <summary>Creates and builds every layer for samples of <paramref name="inputShape"/>.</summary>
    /// <param name="definitions">The layers, first to last.</param>
    /// <param name="inputShape">Shape of one input sample.</param>
    /// <param name="outputSize">Width of the targets, given to the last layer of the layer family.</param>
    /// <param name="maxBatchSize">Largest batch the buffers must hold.</param>
    /// <param name="random">Seeded source for initial weights.</param>
    public SequentialModel Build(IReadOnlyList<LayerDefinition> definitions, TensorShape inputShape, int outputSize, int maxBatchSize, Random random)
    {
        int lastLayer = -1;
        for (int i = 0; i < definitions.Count; i++) if (definitions[i].Kind == LayerKind.Layer) lastLayer = i;

        var layers = new List<ILayer>();
        var specs = new List<LayerSpec>();
        TensorShape shape = inputShape;
        for (int i = 0; i < definitions.Count; i++)
        {
            LayerDefinition d = definitions[i];
            ILayer layer;
            LayerSpec spec;
            if (d.Kind == LayerKind.Layer)
            {
                ComponentInstance<ILayer> created = registry.Create<ILayer>(d.Name, d.Options, d.ConfigPath, LayerKeys);
                layer = created.Component;
                spec = new LayerSpec(LayerKind.Layer, created.Name, ComponentOptionsJson.ToJson(created.Options));
            }
            else
            {
                ComponentInstance<IActivation> created = registry.Create<IActivation>(d.Name, d.Options, d.ConfigPath, ComponentSpec.ReservedKeys);
                layer = new ActivationLayer(created.Component, created.Name);
                spec = new LayerSpec(LayerKind.Activation, created.Name, ComponentOptionsJson.ToJson(created.Options));
            }

            var context = new LayerBuildContext(maxBatchSize, random, registry, d.ConfigPath, i == lastLayer ? outputSize : null);
            try
            {
                shape = layer.Build(shape, context);
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException(d.ConfigPath, $"{d.Name} cannot take inputs of shape {shape}: {e.Message}", e);
            }
            layers.Add(layer);
            specs.Add(spec);
        }

        if (shape.Size != outputSize)
            throw new ConfigurationException(definitions[^1].ConfigPath,
                $"the model's output has {shape.Size} values per sample but the targets have {outputSize}. Omit Units on the last layer to take it from the data.");
        return new SequentialModel(layers, specs, inputShape, shape, maxBatchSize);
    }
}
