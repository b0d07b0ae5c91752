using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace NeuralNet.Host;

/// <summary>
/// One line per message, time first, no category: "12:00:01 epoch 3/20 ...". Warnings and errors carry their level.
/// (The default formatters print the full category and event id, which is noise for users watching training.)
/// </summary>
public sealed class CompactConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "compact";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null) return;
        textWriter.Write(DateTime.Now.ToString("HH:mm:ss "));
        string? level = logEntry.LogLevel switch
        {
            LogLevel.Warning => "warning: ",
            LogLevel.Error => "error: ",
            LogLevel.Critical => "critical: ",
            _ => null,
        };
        if (level is not null) textWriter.Write(level);
        textWriter.WriteLine(message);
        if (logEntry.Exception is not null && logEntry.LogLevel >= LogLevel.Critical) textWriter.WriteLine(logEntry.Exception);
    }
}
