using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// Cross-entropy of the predicted probabilities, −(1/n) Σ_i log p_i,c(i), as scikit-learn's <c>log_loss</c> with
/// <c>eps=1e-7</c>: every probability is clipped to [1e-7, 1 − 1e-7] and each row renormalised to sum to 1 before the
/// log (scikit-learn 1.2's rule).
/// </summary>
/// <remarks>
/// Shapes: predictions and targets <c>[batch, C]</c>, targets one-hot; with one (sigmoid) column the row is
/// [1 − p, p] and the target is class 1 from 0.5. Computed in double. Lower is better; NaN before any sample.
/// </remarks>
[Component("log_loss", Aliases = ["cross_entropy"], Description = "Mean negative log-probability of the true class (clipped at 1e-7).")]
public sealed class LogLoss : IMetric
{
    /// <summary>Probabilities are clipped to [Epsilon, 1 − Epsilon].</summary>
    public const double Epsilon = 1e-7;

    private double _sum;
    private long _samples;

    public bool HigherIsBetter => false;

    public PredictionTask Tasks => PredictionTask.Classification;

    public void Reset()
    {
        _sum = 0;
        _samples = 0;
    }

    public void Update(Tensor predictions, Tensor targets)
    {
        BatchShapes.EnsureMatch(predictions, targets);
        int width = targets.SampleSize;
        ReadOnlySpan<float> p = predictions.ReadOnlySpan;
        ReadOnlySpan<float> t = targets.ReadOnlySpan;
        double sum = 0;
        for (int offset = 0; offset < t.Length; offset += width)
        {
            if (width == 1)
            {
                double positive = Clip(p[offset]); // the row [1 − p, p] already sums to 1
                sum -= Math.Log(t[offset] >= ClassificationCounts.TargetThreshold ? positive : 1 - positive);
                continue;
            }
            ReadOnlySpan<float> row = p.Slice(offset, width);
            double total = 0;
            for (int j = 0; j < width; j++) total += Clip(row[j]);
            int c = ClassificationCounts.ArgMax(t.Slice(offset, width));
            sum -= Math.Log(Clip(row[c]) / total);
        }
        _sum += sum;
        _samples += targets.BatchSize;
    }

    public double Result() => _samples == 0 ? double.NaN : _sum / _samples;

    private static double Clip(double probability) => Math.Clamp(probability, Epsilon, 1 - Epsilon);
}
