using NeuralNet.Components;

namespace NeuralNet.Training.Callbacks;

/// <summary>Learning rate × <c>Gamma</c> every epoch: lr(e) = lr₀ · γ^e (PyTorch's <c>ExponentialLR</c>, e 0-based).</summary>
[Component("exponential", Description = "Learning-rate schedule: multiply by Gamma every epoch.")]
public sealed class ExponentialSchedule(ExponentialScheduleOptions options) : Schedule
{
    public override double RateAt(double baseRate, int epochIndex) => baseRate * Math.Pow(options.Gamma, epochIndex);
}
