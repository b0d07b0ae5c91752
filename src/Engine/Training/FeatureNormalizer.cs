using System.Numerics.Tensors;
using NeuralNet.Data;
using NeuralNet.Engine.Configuration;
using NeuralNet.Tensors;
using Tensor = NeuralNet.Tensors.Tensor;

namespace NeuralNet.Engine.Training;

/// <summary>
/// Scaling x' = (x − Shift) · Scale fitted on training samples and saved with the model: one statistic per feature,
/// or per channel of [C, H, W] images (each shift and scale then covers the channel's H·W values).
/// </summary>
public sealed class FeatureNormalizer
{
    public FeatureNormalizer(NormalizationKind kind, float[] shift, float[] scale, NormalizationScope scope = NormalizationScope.Feature)
    {
        ArgumentNullException.ThrowIfNull(shift);
        ArgumentNullException.ThrowIfNull(scale);
        if (shift.Length != scale.Length) throw new ArgumentException($"{shift.Length} shifts but {scale.Length} scales.");
        Kind = kind;
        Shift = shift;
        Scale = scale;
        Scope = scope;
    }

    public NormalizationKind Kind { get; }

    public NormalizationScope Scope { get; }

    /// <summary>Subtracted from each feature or channel (the mean, or the minimum).</summary>
    public float[] Shift { get; }

    /// <summary>Multiplies each shifted feature or channel (1/std, or 1/(max − min)); 1 for constant ones.</summary>
    public float[] Scale { get; }

    /// <summary>The scope a setting asks for, defaulting to channels for images ([C, H, W]) and features otherwise.</summary>
    /// <exception cref="ArgumentException">Channels were asked for samples with no channel axis.</exception>
    public static NormalizationScope ScopeFor(NormalizationScope? requested, TensorShape sampleShape)
    {
        NormalizationScope scope = requested ?? (sampleShape.Rank == 3 ? NormalizationScope.Channel : NormalizationScope.Feature);
        if (scope == NormalizationScope.Channel && sampleShape.Rank < 2)
            throw new ArgumentException($"per-channel normalisation needs samples of [channels, ...]; these are {sampleShape}.");
        return scope;
    }

    /// <summary>Fits on the samples <paramref name="rows"/> of <paramref name="samples"/>, read in chunks; statistics accumulate in double.</summary>
    public static FeatureNormalizer Fit(NormalizationKind kind, NormalizationScope scope, ISampleSet samples, ReadOnlySpan<int> rows)
    {
        TensorShape shape = samples.FeatureShape;
        scope = ScopeFor(scope, shape);
        int groups = scope == NormalizationScope.Channel ? shape[0] : shape.Size;
        int groupSize = shape.Size / groups;
        var shift = new float[groups];
        var scale = new float[groups];
        Array.Fill(scale, 1f);
        if (kind == NormalizationKind.None || rows.Length == 0) return new FeatureNormalizer(kind, shift, scale, scope);

        int d = shape.Size;
        int chunk = Math.Max(1, Math.Min(rows.Length, (1 << 22) / d));
        var features = new float[chunk * d];
        var targets = new float[chunk * samples.TargetShape.Size];
        var a = new double[groups];
        var b = new double[groups];
        if (kind == NormalizationKind.MinMax)
        {
            Array.Fill(a, double.PositiveInfinity);
            Array.Fill(b, double.NegativeInfinity);
        }
        for (int start = 0; start < rows.Length; start += chunk)
        {
            int n = Math.Min(chunk, rows.Length - start);
            samples.Read(rows.Slice(start, n), features, targets);
            for (int r = 0; r < n; r++)
            {
                for (int g = 0; g < groups; g++)
                {
                    ReadOnlySpan<float> x = features.AsSpan(r * d + g * groupSize, groupSize);
                    if (kind == NormalizationKind.Standard)
                    {
                        double sum = 0, squares = 0;
                        foreach (float v in x) { sum += v; squares += (double)v * v; }
                        a[g] += sum;
                        b[g] += squares;
                    }
                    else
                    {
                        a[g] = Math.Min(a[g], TensorPrimitives.Min(x));
                        b[g] = Math.Max(b[g], TensorPrimitives.Max(x));
                    }
                }
            }
        }

        double count = (double)rows.Length * groupSize;
        for (int g = 0; g < groups; g++)
        {
            if (kind == NormalizationKind.Standard)
            {
                double mean = a[g] / count;
                double std = Math.Sqrt(Math.Max(0, b[g] / count - mean * mean));
                shift[g] = (float)mean;
                scale[g] = std > 1e-12 ? (float)(1 / std) : 1f;
            }
            else
            {
                shift[g] = (float)a[g];
                double range = b[g] - a[g];
                scale[g] = range > 1e-12 ? (float)(1 / range) : 1f;
            }
        }
        return new FeatureNormalizer(kind, shift, scale, scope);
    }

    /// <summary>Checks that this normaliser fits samples of <paramref name="shape"/>.</summary>
    public void Validate(TensorShape shape)
    {
        int expected = Scope == NormalizationScope.Channel ? shape[0] : shape.Size;
        if (Kind != NormalizationKind.None && expected != Shift.Length)
            throw new ArgumentException($"Normaliser fitted on {Shift.Length} {(Scope == NormalizationScope.Channel ? "channels" : "features")}, samples of {shape} have {expected}.");
    }

    /// <summary>Scales every sample of <paramref name="features"/> in place.</summary>
    public void Apply(Tensor features)
    {
        if (Kind == NormalizationKind.None) return;
        int d = features.SampleSize;
        int groups = Shift.Length;
        if (d % groups != 0 || (Scope == NormalizationScope.Feature && d != groups))
            throw new ArgumentException($"Normaliser fitted on {groups} {(Scope == NormalizationScope.Channel ? "channels" : "features")}, data has samples of {features.SampleShape}.");
        if (Scope == NormalizationScope.Feature)
        {
            for (int r = 0; r < features.BatchSize; r++)
            {
                Span<float> x = features.Buffer.AsSpan(r * d, d);
                TensorPrimitives.Subtract(x, Shift, x);
                TensorPrimitives.Multiply(x, Scale, x);
            }
            return;
        }
        int groupSize = d / groups;
        for (int r = 0; r < features.BatchSize; r++)
        {
            for (int g = 0; g < groups; g++)
            {
                Span<float> x = features.Buffer.AsSpan(r * d + g * groupSize, groupSize);
                TensorPrimitives.Subtract(x, Shift[g], x);
                TensorPrimitives.Multiply(x, Scale[g], x);
            }
        }
    }
}
