namespace NeuralNet.Engine.Plugins;

/// <summary>Where plugins are found and which may load: the <c>Plugins</c> config section.</summary>
public sealed class PluginOptions
{
    /// <summary>
    /// Directories scanned for <c>&lt;Name&gt;/&lt;Name&gt;.dll</c>, relative to the content root unless absolute.
    /// The built-in plugins beside the host (<c>{app}/plugins</c>, where the build puts them) and the
    /// repository's <c>plugins</c> folder, where users drop their own, are always scanned too.
    /// </summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>Plugin names (main assembly names) not to load.</summary>
    public List<string> Disabled { get; set; } = [];

    /// <summary>
    /// When not empty, the SHA-256 (hex, any case) of every assembly a plugin folder holds must be listed here;
    /// any other file is refused (exit code 6, naming the file and its hash). Empty (the default): no check.
    /// </summary>
    public List<string> AllowedSha256 { get; set; } = [];

    /// <summary>
    /// Whether a plugin folder or file that resolves through a symbolic link to a place outside the scanned
    /// directories may load. Default false: such a plugin is refused (exit code 6).
    /// </summary>
    public bool FollowLinks { get; set; }
}
