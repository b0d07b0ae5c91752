using NeuralNet.Components;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// The fraction of samples whose every label is predicted right, as scikit-learn's <c>accuracy_score</c> on
/// label-indicator targets <c>[N, L]</c> (predictions on from 0.5). Higher is better; NaN before any sample.
/// </summary>
[Component("subset_accuracy", Aliases = ["exact_match"], Description = "Multi-label: fraction of samples with every label right.")]
public sealed class SubsetAccuracy : LabelCountMetric
{
    public override bool HigherIsBetter => true;

    private protected override double Score(long samples, int labels, long exactMatches, long mismatches) => (double)exactMatches / samples;
}
