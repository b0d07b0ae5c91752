using NeuralNet.Components;

namespace NeuralNet.Layers;

/// <summary>What a layer needs to build itself.</summary>
/// <param name="MaxBatchSize">Largest batch the layer will see (the training batch; evaluation runs in chunks of it); size buffers for it once.</param>
/// <param name="Random">The experiment's seeded random source for initial weights and per-layer random keys (dropout).</param>
/// <param name="Components">Creates nested components by name (a dense layer's initialisers).</param>
/// <param name="ConfigPath">The layer's config key (<c>Experiment:Model:Layers:0</c>), for error messages.</param>
/// <param name="OutputSize">
/// For the last layer with parameters, the width of the data's targets (classes, or regression outputs), so its
/// size need not be repeated in config; null for every other layer.
/// </param>
public sealed record LayerBuildContext(int MaxBatchSize, Random Random, IComponentFactory Components, string ConfigPath, int? OutputSize = null)
{
    /// <summary>
    /// False when the model is built for inference only (a loaded model used to predict): allocate no parameter
    /// gradients and no input-gradient buffers; <see cref="ILayer.Backward"/> is never called.
    /// </summary>
    public bool Training { get; init; } = true;

    /// <summary>False for the first layer of a model: nobody asks for d(loss)/d(input), so allocate no buffer for it.</summary>
    public bool NeedInputGradient { get; init; } = true;

    /// <summary>Scratch memory shared by every layer of the model (im2col columns); reserve the most a call needs in Build.</summary>
    public Workspace Workspace { get; init; } = new();

    /// <summary>
    /// The initialiser the activation right after this layer prefers for its weights
    /// (<see cref="Activations.IActivation.WeightInitializer"/>), or null: a layer whose initialiser option is unset uses
    /// it before its own default.
    /// </summary>
    public string? ActivationInitializer { get; init; }

    /// <summary>Whether this layer must allocate an input-gradient buffer.</summary>
    public bool AllocatesInputGradient => Training && NeedInputGradient;
}
