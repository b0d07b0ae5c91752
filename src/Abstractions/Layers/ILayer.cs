using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.Layers;

/// <summary>
/// One stage of a sequential network, on batch-first tensors of any sample shape (<c>[features]</c>,
/// <c>[channels, height, width]</c>).
/// </summary>
/// <remarks>
/// <para>A layer is built from the sample shape it receives and returns the shape it produces, so configs never
/// repeat sizes and a shape mismatch fails at build time. A layer that cannot take its input shape throws
/// <see cref="Errors.ConfigurationException"/> keyed by the offending option (<c>Experiment:Model:Layers:2:KernelSize</c>)
/// and naming the input shape, or <see cref="ArgumentException"/>, which the engine reports under the layer's key.</para>
/// <para>State is named, as in PyTorch's <c>state_dict</c>: trainable <see cref="Parameters"/> and non-trainable
/// <see cref="Buffers"/> (batch norm's running statistics), each with a name unique within the layer
/// (<c>kernel</c>, <c>running_mean</c>). A model prefixes them with the layer's position (<c>layers.3.running_mean</c>);
/// saved models store and load state by those names, checking every shape.</para>
/// <para>A layer owns its output and input-gradient buffers, sized once in <see cref="Build"/> for
/// <see cref="LayerBuildContext.MaxBatchSize"/>, and returns them from <see cref="Forward"/> and <see cref="Backward"/>:
/// callers read them before the next call and never keep them. Scratch memory comes from the shared
/// <see cref="LayerBuildContext.Workspace"/>. No allocation per batch.</para>
/// </remarks>
[ComponentFamily("layer")]
public interface ILayer
{
    /// <summary>Creates and initialises parameters and buffers for samples of <paramref name="inputShape"/>; returns the output sample shape.</summary>
    TensorShape Build(TensorShape inputShape, LayerBuildContext context);

    /// <summary>
    /// Whether the layer has trainable parameters, known before <see cref="Build"/>. The model builder gives the data's
    /// output width (<see cref="LayerBuildContext.OutputSize"/>) to the last layer that has, other than an activation (prelu).
    /// </summary>
    bool HasParameters { get; }

    /// <summary>The trainable parameters, each named uniquely within the layer, in a fixed order.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Non-trainable state saved with the model (running statistics), each named uniquely within the layer.</summary>
    IReadOnlyList<StateBuffer> Buffers { get; }

    /// <summary>Computes the output for <paramref name="input"/>, remembering what <see cref="Backward"/> needs.</summary>
    /// <param name="input">A batch of the built sample shape; the layer may keep a reference until the next call.</param>
    /// <param name="context">Training or evaluation mode, and the step for counter-based randomness (dropout).</param>
    Tensor Forward(Tensor input, ForwardContext context);

    /// <summary>
    /// Given d(loss)/d(output) for the last training <see cref="Forward"/>, overwrites every parameter's gradient and,
    /// when <paramref name="needInputGradient"/>, returns d(loss)/d(input); otherwise returns null (the first layer
    /// skips that work).
    /// </summary>
    Tensor? Backward(Tensor outputGradient, bool needInputGradient);
}
