using System.Globalization;
using System.Text.Json.Nodes;
using NeuralNet.Components;
using NeuralNet.Training.Internal;

namespace NeuralNet.Training.Callbacks;

/// <summary>
/// Stops training when a monitored value has not improved for <see cref="EarlyStoppingOptions.Patience"/> epochs,
/// as Keras' <c>EarlyStopping</c>: an epoch improves when its value beats the best so far by more than
/// <see cref="EarlyStoppingOptions.MinDelta"/> (down for losses, up for accuracy-like metrics, or as
/// <see cref="EarlyStoppingOptions.Mode"/> says); otherwise the wait grows, and training stops once it reaches the
/// patience. With <see cref="EarlyStoppingOptions.RestoreBest"/>, the best epoch's weights are kept (a snapshot
/// saved in checkpoints) and put back at the end when a later epoch ended training.
/// </summary>
[Component("early_stopping", Description = "Stop when a monitored value stops improving; optionally restore the best weights.")]
public sealed class EarlyStopping(EarlyStoppingOptions options) : ICallback
{
    private const string Snapshot = "early_stopping.best";
    private bool _higherIsBetter;
    private double _best = double.NaN;
    private int _bestEpoch;
    private int _wait;

    /// <summary>The best value so far (NaN before the first epoch).</summary>
    public double Best => _best;

    /// <summary>The epoch that reached <see cref="Best"/>.</summary>
    public int BestEpoch => _bestEpoch;

    public IEnumerable<string> Check(TrainingPlan plan) => MonitoredValue.Check(plan, options.Monitor, options.Mode);

    public void OnTrainBegin(TrainingContext context) => _higherIsBetter = MonitoredValue.HigherIsBetter(context.Plan, options.Monitor, options.Mode);

    public void OnEpochEnd(TrainingContext context, EpochSummary epoch)
    {
        double value = MonitoredValue.Value(epoch, options.Monitor);
        if (double.IsNaN(_best) || Improves(value))
        {
            _best = value;
            _bestEpoch = epoch.Epoch;
            _wait = 0;
            if (options.RestoreBest) context.SaveSnapshot(Snapshot);
            return;
        }
        _wait++;
        if (_wait >= options.Patience)
            context.RequestStop(string.Create(CultureInfo.InvariantCulture,
                $"early_stopping: {options.Monitor} did not improve for {_wait} epoch(s); best {_best:G6} at epoch {_bestEpoch}"));
    }

    public void OnTrainEnd(TrainingContext context)
    {
        if (!options.RestoreBest || _bestEpoch == 0 || context.History.Count == 0 || context.History[^1].Epoch == _bestEpoch) return;
        context.RestoreSnapshot(Snapshot);
        context.Log(string.Create(CultureInfo.InvariantCulture, $"[{context.Split}] early_stopping: restored the weights of epoch {_bestEpoch} ({options.Monitor} {_best:G6})"));
    }

    public JsonObject? SaveState() => new() { ["best"] = double.IsNaN(_best) ? null : _best, ["best_epoch"] = _bestEpoch, ["wait"] = _wait };

    public void LoadState(JsonObject state)
    {
        _best = state["best"]?.GetValue<double>() ?? double.NaN;
        _bestEpoch = state["best_epoch"]?.GetValue<int>() ?? 0;
        _wait = state["wait"]?.GetValue<int>() ?? 0;
    }

    private bool Improves(double value)
        => _higherIsBetter ? value > _best + options.MinDelta : value < _best - options.MinDelta;
}
