using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Metrics;

/// <summary>
/// A quality measure accumulated over batches: <see cref="Reset"/>, <see cref="Update"/> per batch, then
/// <see cref="Result"/>. Predictions are the network's outputs (probabilities for classifiers); targets are
/// one-hot for classification.
/// </summary>
[ComponentFamily("metric")]
public interface IMetric
{
    /// <summary>Whether larger is better (accuracy) or smaller (error).</summary>
    bool HigherIsBetter { get; }

    /// <summary>
    /// The tasks the metric means something for; the engine rejects it at start-up for any other (R² for a classifier,
    /// ROC-AUC for regression), naming the metric and the task. Default: every task.
    /// </summary>
    PredictionTask Tasks => PredictionTask.Any;

    /// <summary>Forgets every batch seen; called before each evaluation (and each epoch's training pass).</summary>
    void Reset();

    /// <summary>
    /// Accumulates one batch: <paramref name="predictions"/> and <paramref name="targets"/> are <c>[batch, outputs]</c>,
    /// read only during the call (the engine reuses the buffers). Allocates nothing.
    /// </summary>
    void Update(Tensor predictions, Tensor targets);

    /// <summary>The metric over everything since <see cref="Reset"/>.</summary>
    double Result();
}
