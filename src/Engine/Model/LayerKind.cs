namespace NeuralNet.Engine.Model;

/// <summary>Which family a model's layer comes from.</summary>
public enum LayerKind
{
    /// <summary>An <see cref="NeuralNet.Layers.ILayer"/> component.</summary>
    Layer,

    /// <summary>An <see cref="NeuralNet.Activations.IActivation"/> run through <see cref="ActivationLayer"/>.</summary>
    Activation,
}
