using System.Globalization;
using System.Text.Json.Nodes;
using NeuralNet.Components;
using NeuralNet.Training.Internal;

namespace NeuralNet.Training.Callbacks;

/// <summary>
/// Keeps checkpoints of the whole training state in the run's <c>checkpoints/&lt;split&gt;/</c> folder: every
/// <c>EveryEpochs</c> epochs (<c>epoch-0005.ckpt</c>, the newest <c>KeepLast</c> kept) and, with a
/// <c>Monitor</c>, <c>best.ckpt</c> for the best epoch by it. (The loop itself always keeps <c>last.ckpt</c>, which
/// <c>--resume</c> continues from.)
/// </summary>
[Component("checkpoint", Description = "Keep checkpoints every N epochs (the last K) and/or the best by a monitored value.")]
public sealed class Checkpoint(CheckpointOptions options) : ICallback
{
    private readonly List<string> _kept = [];
    private bool _higherIsBetter;
    private double _best = double.NaN;

    public IEnumerable<string> Check(TrainingPlan plan)
        => options.Monitor is null ? [] : MonitoredValue.Check(plan, options.Monitor, options.Mode);

    public void OnTrainBegin(TrainingContext context)
    {
        if (options.Monitor is not null) _higherIsBetter = MonitoredValue.HigherIsBetter(context.Plan, options.Monitor, options.Mode);
    }

    public void OnEpochEnd(TrainingContext context, EpochSummary epoch)
    {
        if (options.Monitor is not null)
        {
            double value = MonitoredValue.Value(epoch, options.Monitor);
            if (double.IsNaN(_best) || (_higherIsBetter ? value > _best : value < _best))
            {
                _best = value;
                context.WriteCheckpoint("best");
            }
        }
        if (options.EveryEpochs > 0 && epoch.Epoch % options.EveryEpochs == 0)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch.Epoch:D4}");
            context.WriteCheckpoint(name);
            _kept.Add(name);
            while (options.KeepLast > 0 && _kept.Count > options.KeepLast)
            {
                context.DeleteCheckpoint(_kept[0]);
                _kept.RemoveAt(0);
            }
        }
    }

    public JsonObject? SaveState() => new()
    {
        ["best"] = double.IsNaN(_best) ? null : _best,
        ["kept"] = new JsonArray(_kept.Select(k => (JsonNode)k).ToArray()),
    };

    public void LoadState(JsonObject state)
    {
        _best = state["best"]?.GetValue<double>() ?? double.NaN;
        _kept.Clear();
        _kept.AddRange(state["kept"]?.AsArray().Select(k => k!.GetValue<string>()) ?? []);
    }
}
