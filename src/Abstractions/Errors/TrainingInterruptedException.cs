namespace NeuralNet.Errors;

/// <summary>
/// Training was asked to stop (SIGTERM, Ctrl+C, a service stopping): the batch in progress finished and a checkpoint
/// was written; the message says how to resume. Exit code 130.
/// </summary>
public sealed class TrainingInterruptedException(string message) : NeuralNetException(message)
{
    public override int ExitCode => 130;
}
