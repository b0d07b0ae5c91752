using NeuralNet.Components;

namespace NeuralNet.Training.Callbacks;

/// <summary>
/// Cosine annealing with optional linear warm-up. For the first W = <c>WarmupEpochs</c> epochs
/// lr(e) = lr₀ · (s + (1 − s) · e / W) with s = <c>WarmupStartFactor</c> (PyTorch's <c>LinearLR</c>); then, with
/// j = e − W and T = <c>Period</c> (default: the remaining epochs), lr = η_min + (lr₀ − η_min) · (1 + cos(π j / T)) / 2
/// (PyTorch's <c>CosineAnnealingLR</c>; the two joined as <c>SequentialLR</c> does at milestone W). e is 0-based.
/// </summary>
[Component("cosine", Description = "Learning-rate schedule: cosine annealing to MinLearningRate, after an optional linear warm-up.")]
public sealed class CosineSchedule(CosineScheduleOptions options) : Schedule
{
    private int _epochs;

    public override IEnumerable<string> Check(TrainingPlan plan)
    {
        if (options.Period == 0 && options.WarmupEpochs >= plan.Epochs)
            yield return $"{plan.ConfigPath}:WarmupEpochs: {options.WarmupEpochs} leaves no epoch for the cosine of a {plan.Epochs}-epoch run; set it below {plan.Epochs} or set Period.";
    }

    public override void OnTrainBegin(TrainingContext context)
    {
        _epochs = context.Epochs;
        base.OnTrainBegin(context);
    }

    public override double RateAt(double baseRate, int epochIndex)
    {
        int warmup = options.WarmupEpochs;
        if (epochIndex < warmup)
            return baseRate * (options.WarmupStartFactor + (1 - options.WarmupStartFactor) * epochIndex / warmup);
        int period = options.Period > 0 ? options.Period : Math.Max(1, _epochs - warmup);
        int j = epochIndex - warmup;
        return options.MinLearningRate + (baseRate - options.MinLearningRate) * (1 + Math.Cos(Math.PI * j / period)) / 2;
    }
}
