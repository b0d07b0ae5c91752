using NeuralNet.Components;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// The fraction of label values predicted wrongly, over every sample and label, as scikit-learn's
/// <c>hamming_loss</c> on label-indicator targets <c>[N, L]</c> (predictions on from 0.5).
/// Lower is better; NaN before any sample.
/// </summary>
[Component("hamming_loss", Aliases = ["hamming"], Description = "Multi-label: fraction of label values predicted wrongly.")]
public sealed class HammingLoss : LabelCountMetric
{
    public override bool HigherIsBetter => false;

    private protected override double Score(long samples, int labels, long exactMatches, long mismatches) => (double)mismatches / (samples * labels);
}
