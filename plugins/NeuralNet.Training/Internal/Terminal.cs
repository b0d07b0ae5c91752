namespace NeuralNet.Training.Internal;

/// <summary>Whether live, redrawn output makes sense: a terminal that understands control sequences, not a pipe, file, CI log or service journal.</summary>
internal static class Terminal
{
    /// <summary>True when <paramref name="redirected"/> is false, <c>TERM</c> is not <c>dumb</c>, and no CI or <c>NO_COLOR</c>-style opt-out is set.</summary>
    public static bool IsInteractive(bool redirected, string? term, string? ci, string? journalStream)
        => !redirected
           && !string.Equals(term, "dumb", StringComparison.Ordinal)
           && string.IsNullOrEmpty(ci)
           && string.IsNullOrEmpty(journalStream);

    /// <summary><see cref="IsInteractive(bool, string?, string?, string?)"/> for this process's standard error.</summary>
    public static bool StandardErrorIsInteractive()
        => IsInteractive(Console.IsErrorRedirected, Environment.GetEnvironmentVariable("TERM"),
            Environment.GetEnvironmentVariable("CI"), Environment.GetEnvironmentVariable("JOURNAL_STREAM"));
}
