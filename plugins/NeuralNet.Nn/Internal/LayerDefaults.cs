namespace NeuralNet.Nn.Internal;

/// <summary>Defaults the weight layers share.</summary>
internal static class LayerDefaults
{
    /// <summary>The kernel initialiser when neither the layer's option nor the activation after it names one.</summary>
    public const string KernelInitializer = "glorot_uniform";
}
