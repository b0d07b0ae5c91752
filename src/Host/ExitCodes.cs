using NeuralNet.Errors;

namespace NeuralNet.Host;

/// <summary>Process exit codes: 0 success; a <see cref="NeuralNetException"/>'s own code (2 config, 3 data, 4 model, 5 diverged, 6 plugin); 1 anything else; 130 cancelled.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Unexpected = 1;
    public const int Configuration = 2;
    public const int Cancelled = 130;

    public static int For(Exception e) => e switch
    {
        NeuralNetException n => n.ExitCode,
        OperationCanceledException => Cancelled,
        _ => Unexpected,
    };
}
