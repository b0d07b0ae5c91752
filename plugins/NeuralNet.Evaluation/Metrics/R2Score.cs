using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Evaluation.Internal;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// The coefficient of determination per output column j, R²_j = 1 − Σ (y − ŷ)² / Σ (y − ȳ_j)², averaged uniformly
/// over the outputs, as scikit-learn's <c>r2_score(multioutput="uniform_average")</c>. A constant target column
/// (Σ (y − ȳ)² = 0) scores 1 when predicted perfectly and 0 otherwise (scikit-learn's <c>force_finite</c>).
/// With <see cref="R2Options.Target"/> set, the score of that one output column instead (scikit-learn's
/// <c>multioutput="raw_values"</c>, one entry), reported as <c>r2_target0</c>.
/// </summary>
/// <remarks>
/// Shapes: predictions and targets <c>[batch, d]</c> (any sample shape; each of the d floats per sample is an output).
/// Per column, in double, the metric keeps n, the running mean ȳ, the centred sum of squares Σ (y − ȳ)² and the
/// residual sum Σ (y − ŷ)². A batch's mean and centred sum are merged into the running ones with Chan et al.'s
/// update (M2 += M2_b + δ² n n_b / (n + n_b)), which equals Σ y² − (Σ y)² / n without its cancellation when the
/// targets sit far from zero. Buffers are sized once from the first batch's width.
/// Higher is better; NaN with fewer than two samples (as scikit-learn).
/// </remarks>
[Component("r2", Aliases = ["r2_score", "r_squared"], Description = "Coefficient of determination, averaged over outputs.", DefaultFor = [ComponentDefaults.Regression])]
public sealed class R2Score : IMetric
{
    private readonly int? _target;
    private long _count;
    private double[] _mean = [];
    private double[] _centred = [];
    private double[] _residual = [];
    private double[] _batchMean = [];
    private double[] _batchCentred = [];

    public R2Score(R2Options options) => _target = OptionsGuard.Validate(options, nameof(options)).Target;

    public bool HigherIsBetter => true;

    public PredictionTask Tasks => PredictionTask.Regression;

    public void Reset()
    {
        _count = 0;
        Array.Clear(_mean);
        Array.Clear(_centred);
        Array.Clear(_residual);
    }

    public void Update(Tensor predictions, Tensor targets)
    {
        BatchShapes.EnsureMatch(predictions, targets);
        int width = targets.SampleSize;
        if (width != _mean.Length)
        {
            if (_count > 0)
                throw new ArgumentException(
                    $"Targets {targets.ShapeString} have {width} outputs, but earlier batches since the last reset had {_mean.Length}.", nameof(targets));
            if (_target >= width)
                throw new ArgumentException(
                    $"Target {_target} is out of range: targets {targets.ShapeString} have {width} outputs (0 to {width - 1}).", nameof(targets));
            _mean = new double[width];
            _centred = new double[width];
            _residual = new double[width];
            _batchMean = new double[width];
            _batchCentred = new double[width];
        }
        int rows = targets.BatchSize;
        if (rows == 0) return;

        ReadOnlySpan<float> p = predictions.ReadOnlySpan;
        ReadOnlySpan<float> t = targets.ReadOnlySpan;
        Span<double> batchMean = _batchMean;
        Span<double> batchCentred = _batchCentred;
        Span<double> residual = _residual;
        batchMean.Clear();
        batchCentred.Clear();
        for (int offset = 0; offset < t.Length; offset += width)
        {
            for (int j = 0; j < width; j++)
            {
                double y = t[offset + j];
                double d = y - p[offset + j];
                batchMean[j] += y;
                residual[j] += d * d;
            }
        }
        for (int j = 0; j < width; j++) batchMean[j] /= rows;
        for (int offset = 0; offset < t.Length; offset += width)
        {
            for (int j = 0; j < width; j++)
            {
                double d = t[offset + j] - batchMean[j];
                batchCentred[j] += d * d;
            }
        }

        double n = _count, total = _count + rows;
        for (int j = 0; j < width; j++)
        {
            double delta = batchMean[j] - _mean[j];
            _mean[j] += delta * rows / total;
            _centred[j] += batchCentred[j] + delta * delta * n * rows / total;
        }
        _count += rows;
    }

    public double Result()
    {
        if (_count < 2) return double.NaN;
        if (_target is int target) return Column(target);
        double sum = 0;
        for (int j = 0; j < _mean.Length; j++) sum += Column(j);
        return sum / _mean.Length;
    }

    private double Column(int j) => _centred[j] != 0
        ? 1.0 - _residual[j] / _centred[j]
        : _residual[j] == 0 ? 1.0 : 0.0;
}
