using System.Globalization;
using System.Text.Json.Nodes;
using NeuralNet.Components;
using NeuralNet.Training.Internal;

namespace NeuralNet.Training.Callbacks;

/// <summary>
/// Multiplies the learning rate by <c>Factor</c> when a monitored value has not improved for more than
/// <c>Patience</c> epochs, as PyTorch's <c>ReduceLROnPlateau</c> stepped with that value after every epoch
/// (relative or absolute threshold, cooldown, minimum rate; a reduction smaller than 1e-8 is skipped).
/// </summary>
[Component("reduce_on_plateau", Description = "Learning-rate schedule: reduce by Factor when a monitored value stops improving.")]
public sealed class ReduceOnPlateau(ReduceOnPlateauOptions options) : ICallback
{
    private static readonly string[] ThresholdModes = ["rel", "abs"];
    private bool _higherIsBetter;
    private double _best = double.NaN;
    private int _badEpochs;
    private int _cooldown;

    public IEnumerable<string> Check(TrainingPlan plan)
    {
        foreach (string problem in MonitoredValue.Check(plan, options.Monitor, options.Mode)) yield return problem;
        if (!ThresholdModes.Contains(options.ThresholdMode, StringComparer.OrdinalIgnoreCase))
            yield return $"{plan.ConfigPath}:ThresholdMode: '{options.ThresholdMode}' is not a threshold mode. Allowed: {string.Join(", ", ThresholdModes)}.";
    }

    public void OnTrainBegin(TrainingContext context) => _higherIsBetter = MonitoredValue.HigherIsBetter(context.Plan, options.Monitor, options.Mode);

    public void OnEpochEnd(TrainingContext context, EpochSummary epoch)
    {
        double value = MonitoredValue.Value(epoch, options.Monitor);
        if (double.IsNaN(_best) || Better(value))
        {
            _best = value;
            _badEpochs = 0;
        }
        else
        {
            _badEpochs++;
        }
        if (_cooldown > 0)
        {
            _cooldown--;
            _badEpochs = 0;
        }
        if (_badEpochs > options.Patience)
        {
            double old = context.Optimizer.LearningRate;
            double reduced = Math.Max(old * options.Factor, options.MinLearningRate);
            if (old - reduced > 1e-8)
            {
                context.Optimizer.LearningRate = (float)reduced;
                context.Log(string.Create(CultureInfo.InvariantCulture, $"[{context.Split}] reduce_on_plateau: learning rate {old:G4} → {reduced:G4} after epoch {epoch.Epoch}"));
            }
            _cooldown = options.Cooldown;
            _badEpochs = 0;
        }
    }

    public JsonObject? SaveState() => new() { ["best"] = double.IsNaN(_best) ? null : _best, ["bad_epochs"] = _badEpochs, ["cooldown"] = _cooldown };

    public void LoadState(JsonObject state)
    {
        _best = state["best"]?.GetValue<double>() ?? double.NaN;
        _badEpochs = state["bad_epochs"]?.GetValue<int>() ?? 0;
        _cooldown = state["cooldown"]?.GetValue<int>() ?? 0;
    }

    private bool Better(double value)
    {
        bool relative = options.ThresholdMode.Equals("rel", StringComparison.OrdinalIgnoreCase);
        return (_higherIsBetter, relative) switch
        {
            (false, true) => value < _best * (1 - options.Threshold),
            (false, false) => value < _best - options.Threshold,
            (true, true) => value > _best * (1 + options.Threshold),
            (true, false) => value > _best + options.Threshold,
        };
    }
}
