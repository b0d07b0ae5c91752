using NeuralNet.Data;
using NeuralNet.Evaluation.Internal;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// What the multi-label precision, recall and F1 share: per-label counts on targets <c>[batch, L]</c> in {0, 1} and
/// predictions thresholded at <see cref="LabelScoreOptions.Threshold"/>, scored per label and combined by
/// <see cref="LabelScoreOptions.Average"/>, as scikit-learn on label-indicator matrices with <c>zero_division=0</c>:
/// macro averages over every label (a label never on either way scores 0), weighted by each label's support (0 when no
/// label is ever on), micro from the summed counts. Higher is better; NaN before any sample.
/// </summary>
public abstract class LabelScoreMetric : IMetric
{
    private readonly ClassScore _score;
    private readonly ClassAverage _average;
    private readonly LabelCounts _counts;

    private protected LabelScoreMetric(LabelScoreOptions options, ClassScore score)
    {
        OptionsGuard.Validate(options, nameof(options));
        _score = score;
        _average = ClassificationCounts.ParseAverage(options.Average);
        _counts = new LabelCounts(options.Threshold);
    }

    public bool HigherIsBetter => true;

    public PredictionTask Tasks => PredictionTask.MultiLabel;

    public void Reset() => _counts.Reset();

    public void Update(Tensor predictions, Tensor targets) => _counts.Add(predictions, targets);

    public double Result()
    {
        if (_counts.Samples == 0) return double.NaN;
        ReadOnlySpan<long> tp = _counts.TruePositives, fp = _counts.FalsePositives, fn = _counts.FalseNegatives;
        if (_average == ClassAverage.Micro)
        {
            long sumTp = 0, sumFp = 0, sumFn = 0;
            for (int j = 0; j < tp.Length; j++)
            {
                sumTp += tp[j];
                sumFp += fp[j];
                sumFn += fn[j];
            }
            return ClassificationCounts.PerClass(_score, sumTp, sumFp, sumFn);
        }
        double sum = 0, weights = 0;
        for (int j = 0; j < tp.Length; j++)
        {
            double weight = _average == ClassAverage.Weighted ? tp[j] + fn[j] : 1;
            sum += weight * ClassificationCounts.PerClass(_score, tp[j], fp[j], fn[j]);
            weights += weight;
        }
        return weights == 0 ? 0.0 : sum / weights;
    }
}
