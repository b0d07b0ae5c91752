using NeuralNet.Components;

namespace NeuralNet.Training.Callbacks;

/// <summary>Learning rate × <c>Gamma</c> every <c>StepSize</c> epochs: lr(e) = lr₀ · γ^⌊e / step⌋ (PyTorch's <c>StepLR</c>, e 0-based).</summary>
[Component("step", Description = "Learning-rate schedule: multiply by Gamma every StepSize epochs.")]
public sealed class StepSchedule(StepScheduleOptions options) : Schedule
{
    public override double RateAt(double baseRate, int epochIndex) => baseRate * Math.Pow(options.Gamma, epochIndex / options.StepSize);
}
