using NeuralNet.Errors;

namespace NeuralNet.Charts.Cairo;

/// <summary>
/// The cairo chart renderer was asked to draw but <c>libcairo.so.2</c> (or a function in it) cannot be loaded.
/// The message says how to install it or pick another renderer.
/// </summary>
public sealed class CairoUnavailableException(string message, Exception? inner = null) : NeuralNetException(message, inner)
{
    /// <summary>The same code as <see cref="PluginLoadException"/>: a plugin's dependency is missing.</summary>
    public override int ExitCode => 6;
}
