namespace NeuralNet.Engine.Plugins;

/// <summary>Where plugins are found: the <c>Plugins</c> config section.</summary>
public sealed class PluginOptions
{
    /// <summary>
    /// Directories scanned for <c>&lt;Name&gt;/&lt;Name&gt;.dll</c>, relative to the content root unless absolute.
    /// Default: the built-in plugins beside the host (<c>{app}/plugins</c>, where the build puts them) and the
    /// repository's <c>plugins</c> folder, where users drop their own.
    /// </summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>Plugin names (main assembly names) not to load.</summary>
    public List<string> Disabled { get; set; } = [];
}
