using NeuralNet.Tensors;

namespace NeuralNet.Layers;

/// <summary>
/// A layer that maps each [H, W] plane of a [C, H, W] sample on its own, such as pooling: plane <c>b·C + c</c> of its
/// output depends only on the same plane of its input. A layer before it that produces its output a plane at a time
/// (<see cref="IFusesPlaneLayer"/>) can then run it on each plane while that plane is in cache, so the full-size
/// tensor between the two is never written to memory, and take its gradient back the same way.
/// </summary>
/// <remarks>
/// While fused, the model never calls this layer's <see cref="ILayer.Forward"/> or <see cref="ILayer.Backward"/>: the
/// fusing layer calls <see cref="BeginPlanes"/> once per forward pass and then the plane methods on runs of
/// consecutive planes, in any order and from several threads at once (planes never share output or saved state). The layer is built with
/// <see cref="LayerBuildContext.NeedInputGradient"/> false when it is fused, so it allocates no input gradient.
/// </remarks>
public interface IPlaneLayer : ILayer
{
    /// <summary>Floats in one input plane (H·W), known after <see cref="ILayer.Build"/>.</summary>
    int InputPlaneSize { get; }

    /// <summary>Floats in one output plane, known after <see cref="ILayer.Build"/>.</summary>
    int OutputPlaneSize { get; }

    /// <summary>Starts a fused forward pass of <paramref name="batch"/> samples: returns the layer's output buffer sized
    /// to the batch, which the plane calls then fill (plane p at <c>p·OutputPlaneSize</c>).</summary>
    Tensor BeginPlanes(int batch);

    /// <summary>Maps input planes <paramref name="firstPlane"/> (<c>b·C + c</c>) to <paramref name="firstPlane"/> +
    /// <paramref name="count"/> − 1, consecutive in <paramref name="input"/>, to their output planes, recording what
    /// the backward pass of those planes needs (a max pool's winners).</summary>
    void ForwardPlanes(int firstPlane, int count, ReadOnlySpan<float> input, Span<float> output);

    /// <summary>The gradients of input planes <paramref name="firstPlane"/> to <paramref name="firstPlane"/> +
    /// <paramref name="count"/> − 1 (overwritten) from the gradients of their output planes, for the last fused
    /// forward pass.</summary>
    void BackwardPlanes(int firstPlane, int count, ReadOnlySpan<float> outputGradient, Span<float> inputGradient);
}
