using NeuralNet.Components;

namespace NeuralNet.Layers;

/// <summary>What a layer needs to build itself: the largest batch, the seeded random source, and the factory for nested components.</summary>
/// <param name="MaxBatchSize">Largest batch the layer will see; size buffers for it once.</param>
/// <param name="Random">The experiment's seeded random source: initial weights, dropout masks.</param>
/// <param name="Components">Creates nested components by name (a dense layer's initialisers).</param>
/// <param name="ConfigPath">The layer's config key (<c>Experiment:Model:Layers:0</c>), for error messages.</param>
/// <param name="OutputSize">
/// For the last layer with parameters, the width of the data's targets (classes, or regression outputs), so its
/// size need not be repeated in config; null for every other layer.
/// </param>
public sealed record LayerBuildContext(int MaxBatchSize, Random Random, IComponentFactory Components, string ConfigPath, int? OutputSize = null);
