namespace NeuralNet.Errors;

/// <summary>A data file is missing, truncated or malformed. The message names the file and, where known, the line.</summary>
public sealed class DataFormatException : NeuralNetException
{
    public DataFormatException(string file, string problem, long? line = null, Exception? inner = null)
        : base(line is null ? $"{file}: {problem}" : $"{file}, line {line}: {problem}", inner)
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    /// <summary>1-based line (or record) number, when the problem is in one.</summary>
    public long? Line { get; }

    public override int ExitCode => 3;
}
