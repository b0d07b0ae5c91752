using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Plugins;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Errors;

namespace NeuralNet.Host;

/// <summary>
/// Builds and runs the .NET Generic Host: configuration layers, plugins, the component registry, and the hosted
/// job (console) or worker (service).
/// </summary>
public static class NeuralNetApp
{
    /// <summary>Runs the host with <paramref name="args"/> and returns the process exit code. Errors are printed, never thrown.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        try
        {
            using IHost host = Build(args);
            RunOutcome outcome = host.Services.GetRequiredService<RunOutcome>(); // RunAsync disposes the container
            await host.RunAsync(cancellationToken);
            return outcome.ExitCode;
        }
        catch (Exception e) when (e is NeuralNetException or OperationCanceledException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.For(e);
        }
    }

    /// <summary>Builds the host: config, logging, plugins and services.</summary>
    /// <exception cref="NeuralNetException">Bad settings or a plugin that fails to load.</exception>
    public static IHost Build(string[] args)
    {
        var (experimentFile, rest) = SplitExperimentArgument(args);
        string contentRoot = ContentRoot.Find();
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = rest,
            ContentRootPath = contentRoot,
            ApplicationName = "NeuralNet",
        });

        // Config layers: config/appsettings.json, then the experiment file, then NEURALNET_ environment variables, then the command line.
        ConfigurationManager config = builder.Configuration;
        config.Sources.Clear();
        string settingsPath = Path.Combine(contentRoot, ContentRoot.SettingsFile);
        if (!File.Exists(settingsPath))
            throw new ConfigurationException(ContentRoot.SettingsFile, $"not found in {contentRoot}. Run from the repository root or set NEURALNET_ROOT.");
        if (experimentFile is null)
        {
            AddJson(config, settingsPath, ContentRoot.SettingsFile);
        }
        else
        {
            // An experiment file is a complete experiment: it replaces the default one as a whole, so options of the
            // default's components (the spiral's "Samples") never leak into another experiment's components.
            string path = File.Exists(experimentFile) ? Path.GetFullPath(experimentFile) : Path.Combine(contentRoot, experimentFile);
            if (!File.Exists(path)) throw new ConfigurationException("--experiment", $"file '{experimentFile}' not found (looked in {Directory.GetCurrentDirectory()} and {contentRoot}).");
            config.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(WithoutExperiment(settingsPath))));
            AddJson(config, path, "--experiment");
        }
        config.AddEnvironmentVariables("NEURALNET_");
        config.AddCommandLine(rest);

        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(config.GetSection("Logging"));
        builder.Logging.AddConsole(o =>
        {
            o.FormatterName = CompactConsoleFormatter.Name;
            o.LogToStandardErrorThreshold = LogLevel.Error;
        });
        builder.Logging.AddConsoleFormatter<CompactConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();

        var hostSettings = OptionsBinder.Bind<HostSettings>(Section(config, "Host"), "Host", "Host");
        var pluginOptions = OptionsBinder.Bind<PluginOptions>(Section(config, "Plugins"), "Plugins", "Plugins");

        // Plugins are loaded before the container is built: they contribute components and services.
        var registry = new ComponentRegistry();
        using (ILoggerFactory bootstrap = LoggerFactory.Create(b => b.AddConfiguration(config.GetSection("Logging"))
            .AddConsole(o => o.FormatterName = CompactConsoleFormatter.Name).AddConsoleFormatter<CompactConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>()))
        {
            var loader = new PluginLoader(registry, bootstrap.CreateLogger<PluginLoader>());
            IEnumerable<string> directories = pluginOptions.Paths.Select(p => Path.IsPathRooted(p) ? p : Path.Combine(contentRoot, p))
                .Prepend(Path.Combine(AppContext.BaseDirectory, "plugins"))
                .Append(Path.Combine(contentRoot, "plugins"));
            IReadOnlyList<LoadedPlugin> plugins = loader.LoadAll(directories, builder.Services, pluginOptions.Disabled);
            builder.Services.AddSingleton(plugins);
        }

        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton<NeuralNet.Components.IComponentFactory>(registry);
        builder.Services.AddSingleton<ExperimentRunner>();
        builder.Services.AddSingleton<GradientCheckRunner>();
        builder.Services.AddSingleton<RunOutcome>();
        builder.Services.AddSingleton(hostSettings);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        if (hostSettings.ListComponents)
            builder.Services.AddHostedService<ComponentListing>();
        else if (hostSettings.GradientCheck)
            builder.Services.AddHostedService<GradientCheckJob>();
        else if (string.Equals(hostSettings.Mode, "service", StringComparison.OrdinalIgnoreCase))
            builder.Services.AddHostedService<ExperimentQueueService>();
        else
            builder.Services.AddHostedService<TrainingJob>();

        IHost host = builder.Build();
        registry.UseServices(host.Services);
        return host;
    }

    /// <summary>Takes <c>--experiment &lt;file&gt;</c> (or <c>--experiment=&lt;file&gt;</c>) out of the arguments.</summary>
    internal static (string? File, string[] Remaining) SplitExperimentArgument(string[] args)
    {
        string? file = null;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a is "--experiment" or "-e")
            {
                if (i + 1 >= args.Length) throw new ConfigurationException("--experiment", "expects a file, e.g. --experiment config/experiments/fashion-mlp.json.");
                file = args[++i];
            }
            else if (a.StartsWith("--experiment=", StringComparison.Ordinal))
                file = a["--experiment=".Length..];
            else
                rest.Add(a);
        }
        return (file, rest.ToArray());
    }

    /// <summary>The settings file's JSON without its <c>Experiment</c> section.</summary>
    private static string WithoutExperiment(string settingsPath)
    {
        try
        {
            var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(settingsPath),
                documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
            foreach (string key in root.Select(kv => kv.Key).Where(k => string.Equals(k, "Experiment", StringComparison.OrdinalIgnoreCase)).ToArray())
                root.Remove(key);
            return root.ToJsonString();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new ConfigurationException(ContentRoot.SettingsFile, $"{settingsPath} is not valid JSON: {e.Message}", e);
        }
    }

    private static void AddJson(ConfigurationManager config, string path, string what)
    {
        try
        {
            config.AddJsonFile(path, optional: false, reloadOnChange: false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new ConfigurationException(what, $"{path} is not valid JSON: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    private static IConfigurationSection? Section(IConfiguration config, string key)
    {
        IConfigurationSection s = config.GetSection(key);
        return s.Exists() ? s : null;
    }
}
