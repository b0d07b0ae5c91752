using NeuralNet.Activations;

namespace NeuralNet.Layers;

/// <summary>
/// A layer that can absorb the element-wise activation after it: it applies the activation to its output while the
/// values are in cache, and scales the output gradient it receives by the activation's derivative (in place) before
/// its own backward pass. The model builder offers the activation after <see cref="ILayer.Build"/>; when the layer
/// accepts, the model keeps the activation in its layer list (names, summary and saved files are unchanged) but no
/// longer runs it. The model's last layer is never offered (a loss may absorb it instead).
/// </summary>
public interface IFusesActivation : ILayer
{
    /// <summary>Takes on <paramref name="activation"/>, or returns false to leave it a layer of its own.</summary>
    bool FuseActivation(IElementwiseActivation activation);
}
