namespace NeuralNet.Charts;

/// <summary>One epoch of a run's history.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Train">Training loss (under <c>loss</c>) and metrics, accumulated over the epoch's batches.</param>
/// <param name="Validation">Validation loss and metrics after the epoch; empty without a validation set.</param>
/// <param name="LearningRate">The optimiser's learning rate in the epoch, when the run records it (a schedule).</param>
public sealed record EpochValues(int Epoch, IReadOnlyDictionary<string, double> Train,
    IReadOnlyDictionary<string, double> Validation, double? LearningRate = null);
