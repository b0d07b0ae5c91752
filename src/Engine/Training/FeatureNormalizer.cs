using System.Numerics.Tensors;
using NeuralNet.Engine.Configuration;
using NeuralNet.Tensors;
using Tensor = NeuralNet.Tensors.Tensor;

namespace NeuralNet.Engine.Training;

/// <summary>Per-feature scaling x' = (x − Shift) · Scale, fitted on training rows and saved with the model.</summary>
public sealed class FeatureNormalizer
{
    public FeatureNormalizer(NormalizationKind kind, float[] shift, float[] scale)
    {
        if (shift.Length != scale.Length) throw new ArgumentException($"{shift.Length} shifts but {scale.Length} scales.");
        Kind = kind;
        Shift = shift;
        Scale = scale;
    }

    public NormalizationKind Kind { get; }

    /// <summary>Subtracted from each feature (the mean, or the minimum).</summary>
    public float[] Shift { get; }

    /// <summary>Multiplies each shifted feature (1/std, or 1/(max − min)); 1 for constant features.</summary>
    public float[] Scale { get; }

    /// <summary>Fits on the rows <paramref name="rows"/> of <paramref name="features"/>; statistics accumulate in double.</summary>
    public static FeatureNormalizer Fit(NormalizationKind kind, Tensor features, ReadOnlySpan<int> rows)
    {
        int d = features.SampleSize;
        var shift = new float[d];
        var scale = new float[d];
        Array.Fill(scale, 1f);
        if (kind == NormalizationKind.None || rows.Length == 0) return new FeatureNormalizer(kind, shift, scale);

        var a = new double[d];
        var b = new double[d];
        if (kind == NormalizationKind.Standard)
        {
            foreach (int r in rows)
            {
                ReadOnlySpan<float> x = features.Buffer.AsSpan(r * d, d);
                for (int j = 0; j < d; j++) { a[j] += x[j]; b[j] += (double)x[j] * x[j]; }
            }
            for (int j = 0; j < d; j++)
            {
                double mean = a[j] / rows.Length;
                double variance = Math.Max(0, b[j] / rows.Length - mean * mean);
                double std = Math.Sqrt(variance);
                shift[j] = (float)mean;
                scale[j] = std > 1e-12 ? (float)(1 / std) : 1f;
            }
        }
        else
        {
            Array.Fill(a, double.PositiveInfinity);
            Array.Fill(b, double.NegativeInfinity);
            foreach (int r in rows)
            {
                ReadOnlySpan<float> x = features.Buffer.AsSpan(r * d, d);
                for (int j = 0; j < d; j++) { a[j] = Math.Min(a[j], x[j]); b[j] = Math.Max(b[j], x[j]); }
            }
            for (int j = 0; j < d; j++)
            {
                shift[j] = (float)a[j];
                double range = b[j] - a[j];
                scale[j] = range > 1e-12 ? (float)(1 / range) : 1f;
            }
        }
        return new FeatureNormalizer(kind, shift, scale);
    }

    /// <summary>Scales every row of <paramref name="features"/> in place.</summary>
    public void Apply(Tensor features)
    {
        if (Kind == NormalizationKind.None) return;
        int d = features.SampleSize;
        if (d != Shift.Length) throw new ArgumentException($"Normaliser fitted on {Shift.Length} features, data has {d}.");
        for (int r = 0; r < features.BatchSize; r++)
        {
            Span<float> x = features.Buffer.AsSpan(r * d, d);
            TensorPrimitives.Subtract(x, Shift, x);
            TensorPrimitives.Multiply(x, Scale, x);
        }
    }
}
