using System.Numerics.Tensors;
using NeuralNet.Data;
using NeuralNet.Kernels;
using NeuralNet.Engine.Configuration;
using NeuralNet.Tensors;
using Tensor = NeuralNet.Tensors.Tensor;

namespace NeuralNet.Engine.Training;

/// <summary>
/// Feature preprocessing fitted on training samples and saved with the model: first missing values (NaN) are
/// filled (<see cref="Fill"/>), then each sample is scaled. Every kind but <see cref="NormalizationKind.PerSample"/>
/// is x' = (x − Shift) · Scale with one statistic per feature, or per channel of [C, H, W] images (each shift and
/// scale then covers the channel's H·W values); per-sample standardisation uses each sample's own mean and std.
/// For regression it may also carry the target standardisation (<see cref="Targets"/>).
/// </summary>
public sealed class FeatureNormalizer
{
    /// <summary>Added to a sample's std by <see cref="NormalizationKind.PerSample"/>, as Keras does.</summary>
    public const float PerSampleEpsilon = 1e-6f;

    /// <param name="kind">The scaling.</param>
    /// <param name="shift">Per feature or channel; ignored by None and PerSample.</param>
    /// <param name="scale">Per feature or channel, as many as <paramref name="shift"/>.</param>
    /// <param name="scope">What one statistic covers.</param>
    /// <param name="fill">Per feature (one sample's values): what a NaN becomes before scaling; null when nothing is imputed.</param>
    /// <param name="targets">Regression target standardisation; null when targets are used as they are.</param>
    public FeatureNormalizer(NormalizationKind kind, float[] shift, float[] scale, NormalizationScope scope = NormalizationScope.Feature,
        float[]? fill = null, TargetScaler? targets = null)
    {
        ArgumentNullException.ThrowIfNull(shift);
        ArgumentNullException.ThrowIfNull(scale);
        if (shift.Length != scale.Length) throw new ArgumentException($"{shift.Length} shifts but {scale.Length} scales.");
        if (!Enum.IsDefined(kind)) throw new ArgumentException($"unknown normalisation '{kind}'.", nameof(kind));
        Kind = kind;
        Shift = shift;
        Scale = scale;
        Scope = scope;
        Fill = fill;
        Targets = targets;
    }

    public NormalizationKind Kind { get; }

    public NormalizationScope Scope { get; }

    /// <summary>Subtracted from each feature or channel (the mean, or the minimum).</summary>
    public float[] Shift { get; }

    /// <summary>Multiplies each shifted feature or channel (1/std, or 1/(max − min)); 1 for constant ones.</summary>
    public float[] Scale { get; }

    /// <summary>
    /// Imputed values, one per feature: the training mean of a numeric column, the one-hot of the most frequent
    /// category of a categorical one. Null when the data has no missing values to impute.
    /// </summary>
    public float[]? Fill { get; }

    /// <summary>
    /// Regression targets standardised for training (<see cref="PreprocessingSettings.ScaleTargets"/>): the batch
    /// loader applies it to every target batch, and model outputs go back through <see cref="TargetScaler.Inverse"/>.
    /// Null when targets are used as they are.
    /// </summary>
    public TargetScaler? Targets { get; }

    /// <summary>The scope a setting asks for, defaulting to channels for images ([C, H, W]) and features otherwise.</summary>
    /// <exception cref="ArgumentException">Channels were asked for samples with no channel axis.</exception>
    public static NormalizationScope ScopeFor(NormalizationScope? requested, TensorShape sampleShape)
    {
        NormalizationScope scope = requested ?? (sampleShape.Rank == 3 ? NormalizationScope.Channel : NormalizationScope.Feature);
        if (scope == NormalizationScope.Channel && sampleShape.Rank < 2)
            throw new ArgumentException($"per-channel normalisation needs samples of [channels, ...]; these are {sampleShape}.");
        return scope;
    }

    /// <summary>Fits <paramref name="kind"/> with default settings on the samples <paramref name="rows"/>.</summary>
    public static FeatureNormalizer Fit(NormalizationKind kind, NormalizationScope scope, ISampleSet samples, ReadOnlySpan<int> rows)
        => Fit(new PreprocessingSettings { Normalize = kind }, scope, samples, rows);

    /// <summary>
    /// Fits on the samples <paramref name="rows"/> of <paramref name="samples"/>, read in chunks; statistics accumulate
    /// in double. With <paramref name="impute"/>, NaN features are first filled from the same rows (mean, or the most
    /// frequent category of each categorical column in <paramref name="columns"/>), and the scaling is fitted on the filled values.
    /// </summary>
    public static FeatureNormalizer Fit(PreprocessingSettings settings, NormalizationScope scope, ISampleSet samples, ReadOnlySpan<int> rows,
        bool impute = false, IReadOnlyList<FeatureColumn>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        NormalizationKind kind = settings.Normalize;
        TensorShape shape = samples.FeatureShape;
        scope = ScopeFor(scope, shape);
        int groups = scope == NormalizationScope.Channel ? shape[0] : shape.Size;
        int groupSize = shape.Size / groups;
        var shift = new float[groups];
        var scale = new float[groups];
        Array.Fill(scale, 1f);
        float[]? fill = impute ? FitFill(samples, rows, columns) : null;
        TargetScaler? targets = settings.ScaleTargets ? TargetScaler.Fit(samples, rows) : null;
        if (kind == NormalizationKind.Scale) Array.Fill(scale, 1f / settings.Divisor);
        if (kind is NormalizationKind.None or NormalizationKind.PerSample or NormalizationKind.Scale || rows.Length == 0)
            return new FeatureNormalizer(kind, shift, scale, scope, fill, targets);

        bool minMax = kind == NormalizationKind.MinMax;
        var a = new double[groups];
        var b = new double[groups];
        if (minMax)
        {
            Array.Fill(a, double.PositiveInfinity);
            Array.Fill(b, double.NegativeInfinity);
        }
        ForEachRow(samples, rows, fill, x =>
        {
            if (!minMax && groupSize == 1)
            {
                MatrixKernels.AccumulateMoments(x, a, b); // per feature: the same sums, vectorised across features
                return;
            }
            for (int g = 0; g < groups; g++)
            {
                ReadOnlySpan<float> v = x.Slice(g * groupSize, groupSize);
                if (minMax)
                {
                    a[g] = Math.Min(a[g], TensorPrimitives.Min(v));
                    b[g] = Math.Max(b[g], TensorPrimitives.Max(v));
                    continue;
                }
                double sum = 0, squares = 0;
                foreach (float value in v) { sum += value; squares += (double)value * value; }
                a[g] += sum;
                b[g] += squares;
            }
        });

        double count = (double)rows.Length * groupSize;
        float low = settings.Range[0], high = settings.Range[1];
        for (int g = 0; g < groups; g++)
        {
            if (minMax)
            {
                // (x − min) / range · (high − low) + low  =  (x − (min − low / s)) · s  with s = (high − low) / range.
                double range = b[g] - a[g];
                double s = range > 1e-12 ? (high - low) / range : 1.0;
                shift[g] = (float)(a[g] - low / s);
                scale[g] = (float)s;
            }
            else
            {
                // Standard, and MinMaxStandard: z-scores are the same whatever increasing affine map came first.
                double mean = a[g] / count;
                double std = Math.Sqrt(Math.Max(0, b[g] / count - mean * mean));
                shift[g] = (float)mean;
                scale[g] = std > 1e-12 ? (float)(1 / std) : 1f;
            }
        }
        return new FeatureNormalizer(kind, shift, scale, scope, fill, targets);
    }

    /// <summary>Per feature: the mean of the present values, or for a categorical column the one-hot of its most frequent category.</summary>
    private static float[] FitFill(ISampleSet samples, ReadOnlySpan<int> rows, IReadOnlyList<FeatureColumn>? columns)
    {
        int d = samples.FeatureShape.Size;
        var sums = new double[d];
        var counts = new long[d];
        ForEachRow(samples, rows, null, x =>
        {
            for (int j = 0; j < x.Length; j++)
            {
                if (float.IsNaN(x[j])) continue;
                sums[j] += x[j];
                counts[j]++;
            }
        });
        var fill = new float[d];
        for (int j = 0; j < d; j++) fill[j] = counts[j] > 0 ? (float)(sums[j] / counts[j]) : 0f;
        if (columns is null || columns.Sum(c => c.Width) != d) return fill;

        int offset = 0;
        foreach (FeatureColumn column in columns)
        {
            if (column.IsCategorical)
            {
                // The category columns' sums count the rows of each category; the first of the most frequent wins.
                int best = 0;
                for (int k = 1; k < column.Width; k++) if (sums[offset + k] > sums[offset + best]) best = k;
                for (int k = 0; k < column.Width; k++) fill[offset + k] = k == best ? 1f : 0f;
            }
            offset += column.Width;
        }
        return fill;
    }

    private static void ForEachRow(ISampleSet samples, ReadOnlySpan<int> rows, float[]? fill, RowAction action)
    {
        int d = samples.FeatureShape.Size;
        int chunk = Math.Max(1, Math.Min(rows.Length, (1 << 22) / d));
        var features = new float[chunk * d];
        var targets = new float[chunk * samples.TargetShape.Size];
        for (int start = 0; start < rows.Length; start += chunk)
        {
            int n = Math.Min(chunk, rows.Length - start);
            samples.Read(rows.Slice(start, n), features, targets);
            for (int r = 0; r < n; r++)
            {
                Span<float> x = features.AsSpan(r * d, d);
                if (fill is not null) FillMissing(x, fill);
                action(x);
            }
        }
    }

    private delegate void RowAction(Span<float> row);

    private static void FillMissing(Span<float> x, float[] fill)
    {
        for (int j = 0; j < x.Length; j++)
            if (float.IsNaN(x[j])) x[j] = fill[j];
    }

    /// <summary>Checks that this normaliser fits samples of <paramref name="shape"/>.</summary>
    public void Validate(TensorShape shape)
    {
        int expected = Scope == NormalizationScope.Channel ? shape[0] : shape.Size;
        if (Kind is not (NormalizationKind.None or NormalizationKind.PerSample) && expected != Shift.Length)
            throw new ArgumentException($"Normaliser fitted on {Shift.Length} {(Scope == NormalizationScope.Channel ? "channels" : "features")}, samples of {shape} have {expected}.");
        if (Fill is not null && Fill.Length != shape.Size)
            throw new ArgumentException($"Normaliser imputes {Fill.Length} features, samples of {shape} have {shape.Size}.");
    }

    /// <summary>Fills missing values and scales every sample of <paramref name="features"/> in place.</summary>
    public void Apply(Tensor features)
    {
        int d = features.SampleSize;
        if (Fill is not null)
        {
            if (Fill.Length != d) throw new ArgumentException($"Normaliser imputes {Fill.Length} features, data has samples of {features.SampleShape}.");
            for (int r = 0; r < features.BatchSize; r++) FillMissing(features.Buffer.AsSpan(r * d, d), Fill);
        }
        if (Kind == NormalizationKind.None) return;
        if (Kind == NormalizationKind.PerSample)
        {
            for (int r = 0; r < features.BatchSize; r++)
            {
                Span<float> x = features.Buffer.AsSpan(r * d, d);
                float mean = TensorPrimitives.Sum<float>(x) / d;
                TensorPrimitives.Subtract(x, mean, x);
                float std = MathF.Sqrt(TensorPrimitives.SumOfSquares<float>(x) / d);
                TensorPrimitives.Multiply(x, 1f / (std + PerSampleEpsilon), x);
            }
            return;
        }
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
