using NeuralNet.Training;

namespace NeuralNet.Engine.Training;

/// <summary>What a training loop did for one split.</summary>
/// <param name="History">Every epoch trained (including those before a resume).</param>
/// <param name="TrainSeconds">Seconds spent in training passes.</param>
/// <param name="SamplesTrained">Samples trained over all epochs.</param>
/// <param name="LastValidation">Validation after the last epoch, or null when no epoch ran.</param>
/// <param name="StopReason">Why training stopped before its last epoch (a callback's reason), or null.</param>
/// <param name="MaxAllocatedBytesPerEpoch">Managed bytes allocated in the worst epoch after the first, when more than one ran in this process.</param>
public sealed record LoopOutcome(IReadOnlyList<EpochSummary> History, double TrainSeconds, long SamplesTrained,
    EvaluationResult? LastValidation, string? StopReason, long? MaxAllocatedBytesPerEpoch);
