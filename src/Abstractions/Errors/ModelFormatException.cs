namespace NeuralNet.Errors;

/// <summary>A saved model is missing, corrupt or does not match its checksum. The message names the file.</summary>
public sealed class ModelFormatException(string file, string problem, Exception? inner = null)
    : NeuralNetException($"{file}: {problem}", inner)
{
    public string File { get; } = file;

    public override int ExitCode => 4;
}
