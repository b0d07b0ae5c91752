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
/// Activations are ordinary layers; a layer entry's <c>"Activation"</c> key adds one after it. The last layer with
/// parameters that is not an activation gets the targets' width as <see cref="LayerBuildContext.OutputSize"/>, so its size need not be written.
/// Every layer infers its output shape from its input shape; one that cannot take its input fails here, naming the
/// layer's key and the shape it got.
/// </summary>
public sealed class ModelBuilder(ComponentRegistry registry)
{
    private static readonly IReadOnlySet<string> LayerKeys = new HashSet<string>(["Type", "Activation", "L1", "L2"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the <c>Model</c> section: its only key is <c>Layers</c> (anything else is an unknown key), read by <see cref="Read"/>.</summary>
    public IReadOnlyList<LayerDefinition> ReadModel(IConfigurationSection model)
    {
        string[] unknown = model.GetChildren().Select(c => c.Path).Where(p => !string.Equals(p[(p.LastIndexOf(':') + 1)..], "Layers", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
            throw new ConfigurationException(unknown[0], $"unknown key{(unknown.Length > 1 ? "s " + string.Join(", ", unknown) : "")}. Valid keys of {model.Path}: Layers.");
        return Read(model.GetSection("Layers"));
    }

    /// <summary>Reads <c>Model:Layers</c>, resolving every name and binding every layer's options now, so a typo fails before any data is loaded.</summary>
    public IReadOnlyList<LayerDefinition> Read(IConfigurationSection layers)
    {
        var definitions = new List<LayerDefinition>();
        foreach (IConfigurationSection entry in layers.GetChildren().OrderBy(c => int.TryParse(c.Key, out int i) ? i : int.MaxValue))
        {
            ComponentSpec spec = ComponentSpec.Read(entry, "layer");
            registry.Find<ILayer>(spec.Name, spec.NameKey); // throws "Unknown layer 'x'. Known: ..."
            registry.Create<ILayer>(spec.Name, spec.Options, entry.Path, LayerKeys); // binds and validates the options now
            definitions.Add(new LayerDefinition(spec.Name, spec.Options, entry.Path) { Penalty = ReadPenalty(entry) });

            IConfigurationSection activation = entry.GetSection("Activation");
            if (activation.Value is not null || activation.GetChildren().Any())
            {
                ComponentSpec act = ComponentSpec.Read(activation, "activation");
                registry.Find<IActivation>(act.Name, act.NameKey);
                registry.Create<ILayer>(act.Name, act.Options, activation.Path, LayerKeys);
                definitions.Add(new LayerDefinition(act.Name, act.Options, activation.Path));
            }
        }
        if (definitions.Count == 0)
            throw new ConfigurationException(layers.Path, "required: a list of at least one layer, e.g. [ { \"Type\": \"dense\", \"Units\": 100, \"Activation\": \"relu\" } ].");
        return definitions;
    }

    /// <summary>A layer's own <c>L1</c> and <c>L2</c> (numbers ≥ 0), both checked and reported together.</summary>
    private static LayerPenalty ReadPenalty(IConfigurationSection entry)
    {
        var errors = new List<(string Key, string Problem)>();
        float? Read(string name)
        {
            string? text = entry[name];
            if (string.IsNullOrEmpty(text)) return null;
            if (float.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out float value)
                && float.IsFinite(value) && value >= 0)
                return value;
            errors.Add(($"{entry.Path}:{name}", $"expected a number ≥ 0 (the layer's {name} weight penalty), got '{text}'."));
            return null;
        }
        var penalty = new LayerPenalty(Read("L1"), Read("L2"));
        if (errors.Count > 0)
            throw new ConfigurationException(errors[0].Key,
                errors[0].Problem + string.Concat(errors.Skip(1).Select(e => $"{Environment.NewLine}  {e.Key}: {e.Problem}")));
        return penalty;
    }

    /// <summary>Definitions that rebuild the layers of a saved model.</summary>
    public static IReadOnlyList<LayerDefinition> FromSpecs(IReadOnlyList<LayerSpec> specs, string source)
        => specs.Select((s, i) => new LayerDefinition(s.Name, ComponentOptionsJson.ToConfiguration(s.Options), $"{source}:layers:{i}")).ToArray();

    /// <summary>Creates and builds every layer for samples of <paramref name="inputShape"/>.</summary>
    /// <param name="definitions">The layers, first to last.</param>
    /// <param name="inputShape">Shape of one input sample.</param>
    /// <param name="outputSize">Width of the targets, given to the last layer with parameters.</param>
    /// <param name="maxBatchSize">Largest batch the buffers must hold (the training batch).</param>
    /// <param name="random">Seeded source for initial weights and layers' random keys.</param>
    /// <param name="training">False to build for inference only: no gradient buffers anywhere.</param>
    /// <param name="fuseActivations">Offer each element-wise activation but the last layer to the layer before it
    /// (<see cref="IFusesActivation"/>), and each plane layer but the last (pooling) to the layer before it and its
    /// fused activation (<see cref="IFusesPlaneLayer"/>); false runs every layer on its own (the same numbers, more
    /// passes over memory).</param>
    public SequentialModel Build(IReadOnlyList<LayerDefinition> definitions, TensorShape inputShape, int outputSize, int maxBatchSize, Random random,
        bool training = true, bool fuseActivations = true)
    {
        var created = new ComponentInstance<ILayer>[definitions.Count];
        int lastWithParameters = -1;
        for (int i = 0; i < definitions.Count; i++)
        {
            LayerDefinition d = definitions[i];
            created[i] = registry.Create<ILayer>(d.Name, d.Options, d.ConfigPath, LayerKeys);
            // An activation keeps its input's shape, so a parametric one (prelu) never takes the output width.
            if (created[i].Component is { HasParameters: true } and not IActivation) lastWithParameters = i;
        }

        var workspace = new Workspace();
        var layers = new List<ILayer>();
        var specs = new List<LayerSpec>();
        var shapes = new List<TensorShape>();
        var fused = new bool[definitions.Count];
        TensorShape shape = inputShape;
        for (int i = 0; i < definitions.Count; i++)
        {
            LayerDefinition d = definitions[i];
            ILayer layer = created[i].Component;
            if (fuseActivations && i > 0 && i < definitions.Count - 1 && !fused[i - 1] && layer is IElementwiseActivation activation
                && layers[i - 1] is IFusesActivation before && before.FuseActivation(activation))
            {
                // Run by the layer before: not built, so it holds no buffers; its output shape is its input's.
                fused[i] = true;
                layers.Add(layer);
                specs.Add(new LayerSpec(created[i].Name, ComponentOptionsJson.ToJson(created[i].Options)));
                shapes.Add(shape);
                continue;
            }
            // A plane layer (pooling) after a layer that produces planes one at a time (batch norm, with any activation
            // it fused) is offered to that layer before it is built: it is then built without an input gradient (the
            // fusing layer rebuilds its gradient a plane at a time) and not run by the model.
            int owner = i - 1;
            while (owner > 0 && fused[owner]) owner--;
            bool planeFused = fuseActivations && i > 0 && i < definitions.Count - 1 && !fused[owner] && layer is IPlaneLayer plane
                && layers[owner] is IFusesPlaneLayer producer && producer.FusePlaneLayer(plane);
            var context = new LayerBuildContext(maxBatchSize, random, registry, d.ConfigPath, i == lastWithParameters ? outputSize : null)
            {
                Training = training,
                NeedInputGradient = i > 0 && !planeFused,
                Workspace = workspace,
                ActivationInitializer = i + 1 < created.Length && created[i + 1].Component is IActivation next ? next.WeightInitializer : null,
            };
            try
            {
                shape = layer.Build(shape, context);
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException(d.ConfigPath, $"{created[i].Name} cannot take inputs of shape {shape}: {e.Message}", e);
            }
            fused[i] = planeFused;
            layers.Add(layer);
            specs.Add(new LayerSpec(created[i].Name, ComponentOptionsJson.ToJson(created[i].Options)));
            shapes.Add(shape);
        }

        if (shape.Rank != 1 || shape[0] != outputSize)
            throw new ConfigurationException(definitions[^1].ConfigPath,
                $"the model's output has shape {shape} per sample but the targets have [{outputSize}]."
                + (shape.Rank != 1 ? " Add a \"flatten\" layer and a dense layer at the end." : " Omit Units on the last layer to take it from the data."));
        return new SequentialModel(layers, specs, shapes, inputShape, maxBatchSize, training, workspace, definitions.Select(d => d.Penalty).ToArray(), fused);
    }
}
