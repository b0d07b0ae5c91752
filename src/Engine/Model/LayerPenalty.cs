namespace NeuralNet.Engine.Model;

/// <summary>
/// A layer's own weight penalties (<c>"L1"</c>, <c>"L2"</c> beside its <c>Type</c>); null where the layer sets none and
/// the experiment's <c>Training:L1</c>/<c>L2</c> apply.
/// </summary>
public readonly record struct LayerPenalty(float? L1, float? L2)
{
    /// <summary>No penalty of the layer's own.</summary>
    public static LayerPenalty None => default;
}
