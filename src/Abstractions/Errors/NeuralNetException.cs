namespace NeuralNet.Errors;

/// <summary>Base of the errors the host reports to users as a clear message and a non-zero exit code.</summary>
public abstract class NeuralNetException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The process exit code the host returns for this kind of failure.</summary>
    public abstract int ExitCode { get; }
}
