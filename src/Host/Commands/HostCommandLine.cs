using System.CommandLine;
using NeuralNet.Engine.Configuration;
using NeuralNet.Host.Configuration;

namespace NeuralNet.Host.Commands;

/// <summary>
/// The command line (System.CommandLine 3.0): <c>train</c> (the default when the first argument is not a command),
/// <c>evaluate</c>, <c>predict</c>, <c>summary</c>, <c>plugins</c>, <c>validate</c>. A command line that does not
/// parse (an unknown command, option or configuration section, a missing value) is reported with everything that is
/// wrong and what is known, and exits 2 before anything is built, trained or written.
/// </summary>
public static class HostCommandLine
{
    /// <summary>The root command with every command.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("NeuralNet: train, evaluate and use neural networks composed by name in config. " +
            "Without a command, 'train' runs (configuration overrides as --Section:Key=value).")
        {
            new TrainCommand(),
            new EvaluateCommand(),
            new PredictCommand(),
            new SummaryCommand(),
            new PluginsCommand(),
            new ValidateCommand(),
            new SubmitCommand(),
            new SweepCommand(),
            new RunsCommand(),
        };
        // Never reached with a command to run (WithDefaultCommand adds 'train'); having an action makes an unknown first
        // word "Unrecognized command or argument" alone, not also "Required command was not provided".
        root.SetAction(_ => ExitCodes.Configuration);
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        RootCommand root = Create();
        // No response files: an argument starting with '@' is a value, never a file to expand.
        ParseResult result = root.Parse(WithDefaultCommand(args, root), new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors) Console.Error.WriteLine($"error: {Quote.Short(error.Message)}");
            Console.Error.WriteLine($"Commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}. Run with --help for options.");
            return ExitCodes.Configuration;
        }
        // The Generic Host handles Ctrl+C and SIGTERM itself (graceful stop); System.CommandLine must not.
        var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await result.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception e)
        {
            return NeuralNetApp.Fault(e);
        }
    }

    /// <summary><c>train</c> when the first argument is an option other than help or version, or there is none.</summary>
    internal static string[] WithDefaultCommand(string[] args, RootCommand root)
    {
        if (args.Length == 0) return ["train"];
        string first = args[0];
        if (first is "-h" or "--help" or "-?" or "/?" or "--version" || !first.StartsWith('-')) return args;
        return ["train", .. args];
    }
}
