using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// Root mean squared error per output column, averaged over the outputs: (1/d) Σ_j √(Σ_i (y_ij − ŷ_ij)² / n), as
/// scikit-learn's <c>mean_squared_error(squared=False)</c> (which takes the root before the uniform average, so with
/// several outputs this is not √MSE).
/// </summary>
/// <remarks>
/// Shapes: predictions and targets <c>[batch, d]</c>. Squares are summed per column in double; the buffer is sized
/// from the first batch. Lower is better; NaN before any sample.
/// </remarks>
[Component("root_mean_squared_error", Aliases = ["rmse"], Description = "Square root of the mean squared error, per output, averaged.")]
public sealed class RootMeanSquaredError : IMetric
{
    private double[] _sums = [];
    private long _rows;

    public bool HigherIsBetter => false;

    public PredictionTask Tasks => PredictionTask.Regression;

    public void Reset()
    {
        Array.Clear(_sums);
        _rows = 0;
    }

    public void Update(Tensor predictions, Tensor targets)
    {
        BatchShapes.EnsureMatch(predictions, targets);
        int width = targets.SampleSize;
        if (width != _sums.Length)
        {
            if (_rows > 0)
                throw new ArgumentException(
                    $"Targets {targets.ShapeString} have {width} outputs, but earlier batches since the last reset had {_sums.Length}.", nameof(targets));
            _sums = new double[width];
        }
        ReadOnlySpan<float> p = predictions.ReadOnlySpan;
        ReadOnlySpan<float> t = targets.ReadOnlySpan;
        for (int offset = 0; offset < t.Length; offset += width)
        {
            for (int j = 0; j < width; j++)
            {
                double d = (double)t[offset + j] - p[offset + j];
                _sums[j] += d * d;
            }
        }
        _rows += targets.BatchSize;
    }

    public double Result()
    {
        if (_rows == 0) return double.NaN;
        double sum = 0;
        foreach (double s in _sums) sum += Math.Sqrt(s / _rows);
        return sum / _sums.Length;
    }
}
