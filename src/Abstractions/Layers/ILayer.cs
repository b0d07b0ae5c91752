using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.Layers;

/// <summary>
/// One stage of a sequential network, on batch-first tensors.
/// </summary>
/// <remarks>
/// A layer is built from the sample shape it receives, so configs never repeat sizes. It owns its output and
/// input-gradient buffers, sized once in <see cref="Build"/> for <see cref="LayerBuildContext.MaxBatchSize"/>, and
/// returns them from <see cref="Forward"/> and <see cref="Backward"/>: callers read them before the next call and
/// never keep them. No allocation per batch.
/// </remarks>
[ComponentFamily("layer")]
public interface ILayer
{
    /// <summary>Creates and initialises parameters and buffers for inputs of <paramref name="inputShape"/>; returns the output sample shape.</summary>
    TensorShape Build(TensorShape inputShape, LayerBuildContext context);

    /// <summary>The trainable parameters, in a fixed order (saved models rely on it).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Computes the output for <paramref name="input"/>, remembering what <see cref="Backward"/> needs.</summary>
    /// <param name="input">A batch; the layer may keep a reference until the next call.</param>
    /// <param name="training">True while training (dropout is active only then).</param>
    Tensor Forward(Tensor input, bool training);

    /// <summary>
    /// Given d(loss)/d(output) for the last <see cref="Forward"/>, overwrites every parameter's gradient and,
    /// when <paramref name="needInputGradient"/>, returns d(loss)/d(input); otherwise returns null (the first layer
    /// skips that work).
    /// </summary>
    Tensor? Backward(Tensor outputGradient, bool needInputGradient);
}
