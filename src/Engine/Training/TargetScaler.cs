using System.Numerics.Tensors;
using NeuralNet.Data;
using Tensor = NeuralNet.Tensors.Tensor;

namespace NeuralNet.Engine.Training;

/// <summary>
/// Regression target standardisation, y' = (y − Mean) / Std per output, fitted on the training split: the model
/// trains on y' and its outputs are transformed back with <see cref="Inverse"/> (for metrics and predictions).
/// Saved with the model, as part of its <see cref="FeatureNormalizer"/>.
/// </summary>
public sealed class TargetScaler
{
    public TargetScaler(float[] mean, float[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length != std.Length) throw new ArgumentException($"{mean.Length} means but {std.Length} standard deviations.");
        if (std.Any(s => !(s > 0) || !float.IsFinite(s))) throw new ArgumentException("every target standard deviation must be a positive finite number.");
        Mean = mean;
        Std = std;
    }

    /// <summary>Training mean per output.</summary>
    public float[] Mean { get; }

    /// <summary>Training standard deviation per output (1 for a constant output).</summary>
    public float[] Std { get; }

    /// <summary>Fits on the targets of <paramref name="rows"/>; statistics accumulate in double.</summary>
    public static TargetScaler Fit(ISampleSet samples, ReadOnlySpan<int> rows)
    {
        int k = samples.TargetShape.Size, d = samples.FeatureShape.Size;
        var sum = new double[k];
        var squares = new double[k];
        int chunk = Math.Max(1, Math.Min(rows.Length, (1 << 22) / Math.Max(d, k)));
        var features = new float[chunk * d];
        var targets = new float[chunk * k];
        for (int start = 0; start < rows.Length; start += chunk)
        {
            int n = Math.Min(chunk, rows.Length - start);
            samples.Read(rows.Slice(start, n), features, targets);
            for (int i = 0; i < n * k; i++)
            {
                sum[i % k] += targets[i];
                squares[i % k] += (double)targets[i] * targets[i];
            }
        }
        var mean = new float[k];
        var std = new float[k];
        for (int j = 0; j < k; j++)
        {
            double m = rows.Length > 0 ? sum[j] / rows.Length : 0;
            double s = rows.Length > 0 ? Math.Sqrt(Math.Max(0, squares[j] / rows.Length - m * m)) : 0;
            mean[j] = (float)m;
            std[j] = s > 1e-12 ? (float)s : 1f;
        }
        return new TargetScaler(mean, std);
    }

    /// <summary>Standardises every row of <paramref name="targets"/> in place.</summary>
    public void Apply(Tensor targets)
    {
        int k = Check(targets);
        for (int r = 0; r < targets.BatchSize; r++)
        {
            Span<float> y = targets.Buffer.AsSpan(r * k, k);
            TensorPrimitives.Subtract(y, Mean, y);
            TensorPrimitives.Divide(y, Std, y);
        }
    }

    /// <summary>Transforms standardised rows (model outputs) back to the data's units, in place.</summary>
    public void Inverse(Tensor values)
    {
        int k = Check(values);
        for (int r = 0; r < values.BatchSize; r++)
        {
            Span<float> y = values.Buffer.AsSpan(r * k, k);
            TensorPrimitives.Multiply(y, Std, y);
            TensorPrimitives.Add(y, Mean, y);
        }
    }

    private int Check(Tensor values)
    {
        int k = values.SampleSize;
        if (k != Mean.Length) throw new ArgumentException($"Target scaler fitted on {Mean.Length} outputs, values have samples of {values.SampleShape}.");
        return k;
    }
}
