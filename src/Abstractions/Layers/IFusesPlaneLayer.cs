namespace NeuralNet.Layers;

/// <summary>
/// A layer that can run the plane layer after it (<see cref="IPlaneLayer"/>, such as max pooling after batch norm)
/// on each plane of its own output as it produces it: the full-size output between the two never goes to memory,
/// and in the backward pass it rebuilds each plane's gradient from the plane layer's in cache. The model builder
/// offers the next layer (after any activation this layer fused, <see cref="IFusesActivation"/>) before building
/// it; when this layer accepts, the model keeps the plane layer in its layer list (names, summary and saved files
/// are unchanged) but no longer runs it, this layer's <see cref="ILayer.Forward"/> returns the plane layer's output
/// and its <see cref="ILayer.Backward"/> receives the gradient of that output. Outputs and gradients are bitwise
/// those of the two layers run one after the other.
/// </summary>
public interface IFusesPlaneLayer : ILayer
{
    /// <summary>Takes on <paramref name="next"/> (not built yet; it is built next, with this layer's output shape as
    /// its input), or returns false to leave it a layer of its own.</summary>
    bool FusePlaneLayer(IPlaneLayer next);
}
