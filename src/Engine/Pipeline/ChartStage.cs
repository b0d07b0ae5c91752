using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NeuralNet.Charts;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Pipeline;

/// <summary>
/// The charts of a run: resolved by name when the experiment is read, checked against the task once the data is
/// loaded, and drawn last, after the model and report are saved. Each chart draws into a folder of its own; its
/// files move into the run folder only when it succeeds, and a chart that throws is logged by name and skipped,
/// so a chart never costs a finished run.
/// </summary>
public sealed partial class ChartStage
{
    private readonly ChartSettings _settings;
    private readonly string _configPath;
    private readonly ILogger _logger;
    private readonly bool _named;
    private List<ComponentInstance<IChart>> _charts;

    private ChartStage(ChartSettings settings, string configPath, ILogger logger, List<ComponentInstance<IChart>> charts, bool named)
    {
        _named = named;
        _settings = settings;
        _configPath = configPath;
        _logger = logger;
        _charts = charts;
    }

    /// <summary>The chart names that will be drawn (after <see cref="SelectFor"/>).</summary>
    public IReadOnlyList<string> Names => _charts.Select(c => c.Name).ToArray();

    /// <summary>
    /// Resolves every chart in <c>Kinds</c> (bare names or sections with options; unknown names and bad options fail,
    /// all reported together), or every registered chart with default options when <c>Kinds</c> is absent.
    /// </summary>
    /// <param name="registry">Where charts are registered.</param>
    /// <param name="settings">The bound <c>Charts</c> section.</param>
    /// <param name="kinds">The <c>Charts:Kinds</c> section.</param>
    /// <param name="logger">Logs skipped charts.</param>
    public static ChartStage Resolve(ComponentRegistry registry, ChartSettings settings, IConfigurationSection kinds, ILogger logger)
    {
        string configPath = kinds.Path[..kinds.Path.LastIndexOf(':')];
        var charts = new List<ComponentInstance<IChart>>();
        var named = kinds.GetChildren().OrderBy(c => int.TryParse(c.Key, out int i) ? i : int.MaxValue).ToList();
        if (!settings.Enabled) return new ChartStage(settings, configPath, logger, charts, named.Count > 0);
        IEnumerable<ComponentSpec> wanted = named.Count > 0
            ? named.Select(c => ComponentSpec.Read(c, "chart"))
            : registry.KnownNames<IChart>().Select(k => new ComponentSpec(k, null, kinds.Path));
        var problems = new List<ConfigurationException>();
        foreach (ComponentSpec spec in wanted)
        {
            try
            {
                var chart = registry.Create<IChart>(spec.Name, spec.Options, spec.ConfigPath, ComponentSpec.ReservedKeys);
                if (!charts.Any(c => c.Name == chart.Name)) charts.Add(chart);
            }
            catch (ConfigurationException e)
            {
                problems.Add(e);
            }
        }
        if (problems.Count == 1) throw problems[0];
        if (problems.Count > 1)
            throw new ConfigurationException(configPath + ":Kinds", string.Join(" ", problems.Select(p => p.Message)));
        return new ChartStage(settings, configPath, logger, charts, named.Count > 0);
    }

    /// <summary>
    /// Keeps the charts that apply to <paramref name="task"/> on <paramref name="inputShape"/>. With <c>Kinds</c>
    /// given, a chart that does not apply is a problem (returned, for the caller to report with the others);
    /// by default it is simply left out.
    /// </summary>
    public IReadOnlyList<string> SelectFor(PredictionTask task, TensorShape inputShape, int outputs)
    {
        var problems = new List<string>();
        if (_named)
        {
            for (int i = 0; i < _charts.Count; i++)
            {
                if (!_charts[i].Component.AppliesTo(task, inputShape, outputs))
                    problems.Add($"{_configPath}:Kinds: chart '{_charts[i].Name}' does not apply to {TaskDetection.Describe(task)} on inputs {inputShape} with {outputs} outputs.");
            }
        }
        _charts = _charts.Where(c => c.Component.AppliesTo(task, inputShape, outputs)).ToList();
        return problems;
    }

    /// <summary>Draws every chart into <paramref name="runDirectory"/>; returns the names of those skipped because they threw.</summary>
    public IReadOnlyList<string> Draw(RunResults results, string runDirectory)
    {
        var skipped = new List<string>();
        foreach (ComponentInstance<IChart> chart in _charts)
        {
            string staging = Path.Combine(runDirectory, $".chart-{chart.Name}-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(staging);
                chart.Component.Draw(results, new ChartOutput(staging, _settings.Format, _settings.Width, _settings.Height));
                foreach (string file in Directory.GetFiles(staging).Order(StringComparer.Ordinal))
                    File.Move(file, Path.Combine(runDirectory, Path.GetFileName(file)), overwrite: true);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Any failure of a plugin's drawing code (native library missing, a bug) costs only this chart.
                skipped.Add(chart.Name);
                LogChartSkipped(chart.Name, e.GetType().Name, e.Message, e);
            }
            finally
            {
                try { Directory.Delete(staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
        return skipped;
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "Chart '{Chart}' skipped: {Error}: {Message}")]
    private partial void LogChartSkipped(string chart, string error, string message, Exception exception);
}
