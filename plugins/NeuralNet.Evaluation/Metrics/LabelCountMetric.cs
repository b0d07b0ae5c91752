using NeuralNet.Data;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// What the multi-label sample counts share: label-indicator targets <c>[batch, L]</c>, predictions on from 0.5,
/// counts accumulated over batches and reduced by <see cref="Score"/>. NaN before any sample.
/// </summary>
public abstract class LabelCountMetric : IMetric
{
    private readonly LabelCounts _counts = new(0.5f);

    public abstract bool HigherIsBetter { get; }

    public PredictionTask Tasks => PredictionTask.MultiLabel;

    public void Reset() => _counts.Reset();

    public void Update(Tensor predictions, Tensor targets) => _counts.Add(predictions, targets);

    public double Result() => _counts.Samples == 0 ? double.NaN : Score(_counts.Samples, _counts.Labels, _counts.ExactMatches, _counts.Mismatches);

    /// <summary>The metric from the samples seen, the labels per sample, the samples with every label right and the wrong label values.</summary>
    private protected abstract double Score(long samples, int labels, long exactMatches, long mismatches);
}
