namespace NeuralNet.Errors;

/// <summary>A config value is missing, unknown or invalid. The message starts with the config key.</summary>
public sealed class ConfigurationException(string key, string problem, Exception? inner = null)
    : NeuralNetException($"{key}: {problem}", inner)
{
    public string Key { get; } = key;

    public override int ExitCode => 2;
}
