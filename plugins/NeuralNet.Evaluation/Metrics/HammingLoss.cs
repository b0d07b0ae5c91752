using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// The fraction of label values predicted wrongly, over every sample and label, as scikit-learn's
/// <c>hamming_loss</c> on label-indicator targets <c>[N, L]</c> (predictions on from 0.5).
/// Lower is better; NaN before any sample.
/// </summary>
[Component("hamming_loss", Aliases = ["hamming"], Description = "Multi-label: fraction of label values predicted wrongly.")]
public sealed class HammingLoss : IMetric
{
    private readonly LabelCounts _counts = new(0.5f);

    public bool HigherIsBetter => false;

    public PredictionTask Tasks => PredictionTask.MultiLabel;

    public void Reset() => _counts.Reset();

    public void Update(Tensor predictions, Tensor targets) => _counts.Add(predictions, targets);

    public double Result() => _counts.Samples == 0 ? double.NaN : (double)_counts.Mismatches / (_counts.Samples * _counts.Labels);
}
