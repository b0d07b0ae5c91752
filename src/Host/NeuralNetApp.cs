using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Plugins;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Errors;
using NeuralNet.Experiments;
using NeuralNet.Host.Commands;
using NeuralNet.Host.Configuration;
using NeuralNet.Host.Worker;

namespace NeuralNet.Host;

/// <summary>
/// Builds and runs the .NET Generic Host: configuration layers, plugins, the component registry, and the hosted
/// job (console) or worker (service). The command line is parsed first (<see cref="HostCommandLine"/>); nothing is
/// built for a command line the host did not understand.
/// </summary>
public static class NeuralNetApp
{
    /// <summary>Runs the host with <paramref name="args"/> and returns the process exit code. Errors are printed, never thrown.</summary>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
        => HostCommandLine.InvokeAsync(args, cancellationToken);

    /// <summary>
    /// Builds the host for <paramref name="request"/> with the hosted service <paramref name="addJob"/> registers,
    /// runs it until it stops, and returns the exit code: the job's own, or that of a hosted service that faulted.
    /// </summary>
    public static async Task<int> RunHostedAsync(HostRequest request, Action<IServiceCollection, HostSettings> addJob, CancellationToken cancellationToken)
    {
        using IHost host = Build(request, addJob);
        RunOutcome outcome = host.Services.GetRequiredService<RunOutcome>(); // RunAsync disposes the container
        IHostedService[] services = host.Services.GetServices<IHostedService>().ToArray();
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Fault(e);
        }
        // A hosted service that faulted stops the host (BackgroundServiceExceptionBehavior.StopHost), but RunAsync
        // returns normally: its exception decides the exit code, so a crashed worker never exits 0.
        foreach (BackgroundService service in services.OfType<BackgroundService>())
            if (service.ExecuteTask is { IsFaulted: true } task)
                return Fault(task.Exception!.GetBaseException());
        return outcome.ExitCode;
    }

    /// <summary>Prints a fault and returns its exit code; an unexpected one (a bug, not bad input) with its stack trace.</summary>
    public static int Fault(Exception e)
    {
        int code = ExitCodes.For(e);
        Console.Error.WriteLine(code == ExitCodes.Unexpected ? $"error: unexpected: {e}" : $"error: {e.Message}");
        return code;
    }

    /// <summary>Builds the host: config, logging, plugins and services, plus what <paramref name="addJob"/> adds.</summary>
    /// <exception cref="NeuralNetException">Bad settings or a plugin that fails to load.</exception>
    public static IHost Build(HostRequest request, Action<IServiceCollection, HostSettings>? addJob = null)
    {
        string contentRoot = ContentRoot.Find();
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = contentRoot,
            ApplicationName = "NeuralNet",
        });
        ConfigurationManager config = builder.Configuration;
        HostConfiguration.Load(config, contentRoot, request);

        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(config.GetSection("Logging"));
        builder.Logging.AddConsole(o =>
        {
            o.FormatterName = CompactConsoleFormatter.Name;
            o.LogToStandardErrorThreshold = request.LogsToStandardError ? LogLevel.Trace : LogLevel.Error;
        });
        builder.Logging.AddConsoleFormatter<CompactConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();

        var hostSettings = OptionsBinder.Bind<HostSettings>(Section(config, "Host"), "Host", "Host");
        var pluginOptions = OptionsBinder.Bind<PluginOptions>(Section(config, "Plugins"), "Plugins", "Plugins");
        var queueSettings = OptionsBinder.Bind<QueueSettings>(Section(config, "Queue"), "Queue", "Queue");

        // Plugins are loaded before the container is built: they contribute components and services.
        var registry = new ComponentRegistry();
        using (ILoggerFactory bootstrap = LoggerFactory.Create(b => b.AddConfiguration(config.GetSection("Logging"))
            .AddConsole(o =>
            {
                o.FormatterName = CompactConsoleFormatter.Name;
                o.LogToStandardErrorThreshold = request.LogsToStandardError ? LogLevel.Trace : LogLevel.Error;
            }).AddConsoleFormatter<CompactConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>()))
        {
            var loader = new PluginLoader(registry, bootstrap.CreateLogger<PluginLoader>());
            IEnumerable<string> directories = pluginOptions.Paths.Select(p => Path.IsPathRooted(p) ? p : Path.Combine(contentRoot, p))
                .Prepend(Path.Combine(AppContext.BaseDirectory, "plugins"))
                .Append(Path.Combine(contentRoot, "plugins"));
            IReadOnlyList<LoadedPlugin> plugins = loader.LoadAll(directories, builder.Services, pluginOptions);
            builder.Services.AddSingleton(plugins);
        }

        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton<NeuralNet.Components.IComponentFactory>(registry);
        builder.Services.AddSingleton<ExperimentRunner>();
        builder.Services.AddSingleton<GradientCheckRunner>();
        builder.Services.AddSingleton<RunOutcome>();
        builder.Services.AddSingleton(hostSettings);
        builder.Services.AddSingleton(queueSettings);
        // Queue providers by Queue:Type: the embedded folder queue here, others from plugins (registered above).
        builder.Services.AddKeyedSingleton<IExperimentQueueProvider, FolderQueueProvider>(FolderQueueProvider.Type);
        var queueProviders = QueueProviders.From(builder.Services);
        queueProviders.Check(queueSettings.Type);
        builder.Services.AddSingleton(queueProviders);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(hostSettings.StopSeconds));
        builder.Services.AddSystemd(); // readiness and stop notification under systemd (Type=notify); nothing otherwise
        addJob?.Invoke(builder.Services, hostSettings);

        IHost host = builder.Build();
        registry.UseServices(host.Services);
        return host;
    }

    private static IConfigurationSection? Section(IConfiguration config, string key)
    {
        IConfigurationSection s = config.GetSection(key);
        return s.Exists() ? s : null;
    }
}
