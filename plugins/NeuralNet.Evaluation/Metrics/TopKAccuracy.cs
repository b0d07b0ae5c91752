using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Evaluation.Internal;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// The fraction of samples whose true class is among the <see cref="TopKAccuracyOptions.K"/> highest scores, as
/// scikit-learn's <c>top_k_accuracy_score</c>.
/// </summary>
/// <remarks>
/// Shapes: predictions and targets <c>[batch, C]</c>, targets one-hot. The true class c's rank is the number of
/// scores above s_c plus the number equal to it at a higher column (scikit-learn sorts with a stable sort and reverses,
/// so of tied scores the later column ranks first); the sample is a hit when that rank is below K. With one (sigmoid)
/// column, K &gt;= 2 always hits and K = 1 is the accuracy at prediction &gt; 0.5 (scikit-learn's strict threshold).
/// Higher is better; NaN before any sample.
/// </remarks>
[Component("top_k_accuracy", Aliases = ["top_k"], Description = "Fraction of samples whose class is among the K highest scores.")]
public sealed class TopKAccuracy : IMetric
{
    private readonly int _k;
    private long _hits;
    private long _samples;

    public TopKAccuracy(TopKAccuracyOptions options) => _k = OptionsGuard.Validate(options, nameof(options)).K;

    public bool HigherIsBetter => true;

    public PredictionTask Tasks => PredictionTask.Classification;

    public void Reset()
    {
        _hits = 0;
        _samples = 0;
    }

    public void Update(Tensor predictions, Tensor targets)
    {
        BatchShapes.EnsureMatch(predictions, targets);
        int width = targets.SampleSize;
        ReadOnlySpan<float> p = predictions.ReadOnlySpan;
        ReadOnlySpan<float> t = targets.ReadOnlySpan;
        long hits = 0;
        for (int offset = 0; offset < t.Length; offset += width)
        {
            if (width == 1)
            {
                bool positive = t[offset] >= ClassificationCounts.TargetThreshold;
                if (_k >= 2 || (p[offset] > 0.5f) == positive) hits++;
                continue;
            }
            ReadOnlySpan<float> row = p.Slice(offset, width);
            int c = ClassificationCounts.ArgMax(t.Slice(offset, width));
            float score = row[c];
            int rank = 0;
            for (int j = 0; j < width; j++)
                if (row[j] > score || (row[j] == score && j > c)) rank++;
            if (rank < _k) hits++;
        }
        _hits += hits;
        _samples += targets.BatchSize;
    }

    public double Result() => _samples == 0 ? double.NaN : (double)_hits / _samples;
}
