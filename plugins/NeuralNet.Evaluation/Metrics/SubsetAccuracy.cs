using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// The fraction of samples whose every label is predicted right, as scikit-learn's <c>accuracy_score</c> on
/// label-indicator targets <c>[N, L]</c> (predictions on from 0.5). Higher is better; NaN before any sample.
/// </summary>
[Component("subset_accuracy", Aliases = ["exact_match"], Description = "Multi-label: fraction of samples with every label right.")]
public sealed class SubsetAccuracy : IMetric
{
    private readonly LabelCounts _counts = new(0.5f);

    public bool HigherIsBetter => true;

    public PredictionTask Tasks => PredictionTask.MultiLabel;

    public void Reset() => _counts.Reset();

    public void Update(Tensor predictions, Tensor targets) => _counts.Add(predictions, targets);

    public double Result() => _counts.Samples == 0 ? double.NaN : (double)_counts.ExactMatches / _counts.Samples;
}
