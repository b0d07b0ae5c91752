namespace NeuralNet.Experiments;

/// <summary>One epoch of a run: training and validation metrics by name (<c>loss</c>, <c>val_loss</c>, <c>accuracy</c>, <c>val_accuracy</c>, ...).</summary>
public sealed record EpochRecord(int Epoch, IReadOnlyDictionary<string, double> Metrics);
