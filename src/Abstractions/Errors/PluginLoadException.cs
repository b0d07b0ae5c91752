namespace NeuralNet.Errors;

/// <summary>A plugin assembly could not be loaded or inspected. The message names the file and the loader's inner errors.</summary>
public sealed class PluginLoadException(string file, string problem, Exception? inner = null)
    : NeuralNetException($"Plugin {file}: {problem}", inner)
{
    public string File { get; } = file;

    public override int ExitCode => 6;
}
