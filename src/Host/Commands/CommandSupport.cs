using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Persistence;
using NeuralNet.Errors;
using NeuralNet.Host.Configuration;

namespace NeuralNet.Host.Commands;

/// <summary>What the commands share: the options every command spells the same way, overrides, model paths, error handling.</summary>
internal static class CommandSupport
{
    public static Option<string?> ExperimentOption() => new("--experiment", "-e")
    {
        Description = "An experiment file (JSON with an \"Experiment\" section) that replaces the default experiment of config/appsettings.json.",
        HelpName = "FILE",
    };

    public static Option<string> ModelOption() => new("--model", "-m")
    {
        Description = "A saved model's folder, e.g. models/spiral (relative to the current folder or the content root).",
        HelpName = "DIR",
        Required = true,
    };

    public static Option<string> FormatOption() => new Option<string>("--format")
    {
        Description = "Output as a table (default) or as JSON lines.",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json");

    /// <summary>
    /// Lets <paramref name="command"/> take configuration overrides (<c>--Section:Key=value</c>): tokens it does not
    /// know are collected and checked by <see cref="ConfigOverrides"/>, not rejected by the parser.
    /// </summary>
    public static void AcceptOverrides(Command command) => command.TreatUnmatchedTokensAsErrors = false;

    /// <summary>The request for the experiment file and overrides of <paramref name="result"/>, plus <paramref name="extra"/> from the command's own options.</summary>
    public static HostRequest Request(ParseResult result, Option<string?> experiment, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        Command command = result.CommandResult.Command;
        var overrides = ConfigOverrides.Parse(result.UnmatchedTokens, command.Name,
            command.Options.Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal)));
        return new HostRequest(result.GetValue(experiment), [.. extra ?? [], .. overrides]);
    }

    /// <summary>Runs <paramref name="body"/>, turning every error into its message and exit code.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return NeuralNetApp.Fault(e);
        }
    }

    /// <summary>A model folder as given, else under the content root; it must hold model.json.</summary>
    public static string ModelDirectory(string model, string contentRoot)
    {
        string direct = Path.GetFullPath(model);
        string dir = Directory.Exists(direct) ? direct : Path.GetFullPath(Path.Combine(contentRoot, model));
        if (!File.Exists(Path.Combine(dir, ModelStore.ModelFile)))
            throw new ModelFormatException(Path.Combine(dir, ModelStore.ModelFile),
                $"not found: --model '{Quote.Short(model)}' is not a saved model folder (looked in {Directory.GetCurrentDirectory()} and {contentRoot}).");
        return dir;
    }

    /// <summary>Builds the host (plugins, registry) without a hosted job, for commands that do their work directly.</summary>
    public static IHost BuildServices(HostRequest request) => NeuralNetApp.Build(request with { LogsToStandardError = true });

    public static ComponentRegistry Registry(IHost host) => host.Services.GetRequiredService<ComponentRegistry>();

    public static string ContentRootOf(IHost host) => host.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;
}
