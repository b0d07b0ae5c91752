namespace NeuralNet.Engine.Training;

/// <summary>One epoch of history: training loss and metrics (accumulated over its batches) and validation ones.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, IReadOnlyDictionary<string, double> TrainMetrics,
    double ValidationLoss, IReadOnlyDictionary<string, double> ValidationMetrics, double TrainSeconds);
