namespace NeuralNet.Host;

/// <summary>The exit code the hosted job decided on; read by <see cref="NeuralNetApp"/> when the host stops.</summary>
public sealed class RunOutcome
{
    public int ExitCode { get; set; } = ExitCodes.Success;
}
