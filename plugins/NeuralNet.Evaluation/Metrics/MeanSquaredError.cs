using NeuralNet.Components;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// Mean squared error over every sample and output: Σ (y − ŷ)² / (n · d), as scikit-learn's
/// <c>mean_squared_error</c> (its uniform average over outputs is the same, as every output has n samples).
/// </summary>
/// <remarks>
/// Shapes: predictions and targets <c>[batch, d]</c> (any sample shape; d = floats per sample). Differences are
/// squared and summed in double. Lower is better; NaN before any sample.
/// </remarks>
[Component("mean_squared_error", Aliases = ["mse"], Description = "Mean of (target - prediction)^2 over samples and outputs.")]
public sealed class MeanSquaredError : IMetric
{
    private double _sum;
    private long _count;

    public bool HigherIsBetter => false;

    public void Reset()
    {
        _sum = 0;
        _count = 0;
    }

    public void Update(Tensor predictions, Tensor targets)
    {
        BatchShapes.EnsureMatch(predictions, targets);
        ReadOnlySpan<float> p = predictions.ReadOnlySpan;
        ReadOnlySpan<float> t = targets.ReadOnlySpan;
        double sum = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double d = (double)t[i] - p[i];
            sum += d * d;
        }
        _sum += sum;
        _count += t.Length;
    }

    public double Result() => _count == 0 ? double.NaN : _sum / _count;
}
