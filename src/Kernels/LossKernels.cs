using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// Loss values and their gradients with respect to predictions (or logits), on flat row-major spans of
/// predictions p and targets t of equal length, vectorised. Each value is a mean; each gradient is that mean's
/// exact derivative.
/// </summary>
/// <remarks>
/// Element-wise losses (squared, absolute, binary cross-entropy) average over every element, like PyTorch's
/// <c>reduction='mean'</c>; categorical cross-entropy sums over a row's classes and averages over rows.
/// Lengths must match, else <see cref="ArgumentException"/>.
/// </remarks>
public static class LossKernels
{
    /// <summary>Default probability clamp of the non-fused cross-entropies: p is held in [ε, 1 − ε], as Keras does.</summary>
    public const float ProbabilityEpsilon = 1e-7f;

    /// <summary>mean((p − t)²).</summary>
    public static float MeanSquaredError(ReadOnlySpan<float> p, ReadOnlySpan<float> t)
        => p.Length == 0 ? 0f : SimdKernels.Sum(p, t, new SquaredDifference()) / p.Length;

    /// <summary>g = 2·(p − t) / n.</summary>
    public static void MeanSquaredErrorGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> g)
        => SimdKernels.Map(p, t, g, new ScaledDifference(2f / Math.Max(p.Length, 1)));

    /// <summary>mean(|p − t|).</summary>
    public static float MeanAbsoluteError(ReadOnlySpan<float> p, ReadOnlySpan<float> t)
        => p.Length == 0 ? 0f : SimdKernels.Sum(p, t, new AbsoluteDifference()) / p.Length;

    /// <summary>g = sign(p − t) / n, with sign(0) = 0 as in PyTorch.</summary>
    public static void MeanAbsoluteErrorGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> g)
        => SimdKernels.Map(p, t, g, new ScaledSign(1f / Math.Max(p.Length, 1)));

    /// <summary>
    /// mean(−t·ln q − (1 − t)·ln(1 − q)) with q = clamp(p, ε, 1 − ε).
    /// </summary>
    public static float BinaryCrossEntropy(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float epsilon = ProbabilityEpsilon)
        => p.Length == 0 ? 0f : SimdKernels.Sum(p, t, new BinaryCrossEntropyTerm(epsilon)) / p.Length;

    /// <summary>
    /// g = (p − t) / (p·(1 − p)) / n where ε &lt; p &lt; 1 − ε, and 0 where the clamp holds p (the derivative of
    /// the clamped value).
    /// </summary>
    public static void BinaryCrossEntropyGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> g, float epsilon = ProbabilityEpsilon)
        => SimdKernels.Map(p, t, g, new BinaryCrossEntropyDerivative(epsilon, 1f / Math.Max(p.Length, 1)));

    /// <summary>
    /// Binary cross-entropy of σ(z) from logits z, in the stable form mean(max(z, 0) − z·t + log1p(e^−|z|)).
    /// </summary>
    public static float BinaryCrossEntropyWithLogits(ReadOnlySpan<float> z, ReadOnlySpan<float> t)
        => z.Length == 0 ? 0f : SimdKernels.Sum(z, t, new LogitBinaryCrossEntropyTerm()) / z.Length;

    /// <summary>g = (σ(z) − t) / n.</summary>
    public static void BinaryCrossEntropyWithLogitsGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> t, Span<float> g)
        => SimdKernels.Map(z, t, g, new LogitBinaryCrossEntropyDerivative(1f / Math.Max(z.Length, 1)));

    /// <summary>
    /// Mean over rows of −Σ t·ln(clamp(p, ε, 1 − ε)), for rows of <paramref name="columns"/> classes. Probabilities
    /// are not renormalised.
    /// </summary>
    public static float CategoricalCrossEntropy(ReadOnlySpan<float> p, ReadOnlySpan<float> t, int columns, float epsilon = ProbabilityEpsilon)
    {
        int rows = ActivationKernels.RowCount(p.Length, columns);
        return rows == 0 ? 0f : SimdKernels.Sum(p, t, new CategoricalCrossEntropyTerm(epsilon)) / rows;
    }

    /// <summary>g = −t / p / rows where ε &lt; p &lt; 1 − ε, and 0 where the clamp holds p.</summary>
    public static void CategoricalCrossEntropyGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> g, int columns, float epsilon = ProbabilityEpsilon)
    {
        int rows = ActivationKernels.RowCount(p.Length, columns);
        SimdKernels.Map(p, t, g, new CategoricalCrossEntropyDerivative(epsilon, 1f / Math.Max(rows, 1)));
    }

    /// <summary>
    /// Categorical cross-entropy of softmax(z) from logits z: the mean over rows of Σ t·(lse(z) − z), where
    /// lse(z) = max z + ln Σ e^(z − max z).
    /// </summary>
    public static float CategoricalCrossEntropyWithLogits(ReadOnlySpan<float> z, ReadOnlySpan<float> t, int columns)
    {
        int rows = ActivationKernels.RowCount(z.Length, columns);
        SimdKernels.CheckLengths(z.Length, t.Length, nameof(t));
        if (rows == 0) return 0f;
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> zr = z.Slice(r * columns, columns);
            ReadOnlySpan<float> tr = t.Slice(r * columns, columns);
            total += LogSumExp(zr) * TensorPrimitives.Sum(tr) - TensorPrimitives.Dot(tr, zr);
        }
        return (float)(total / rows);
    }

    /// <summary>g = (softmax(z)·Σt − t) / rows per row; with one-hot or probability targets, (softmax(z) − t) / rows.</summary>
    public static void CategoricalCrossEntropyWithLogitsGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> t, Span<float> g, int columns)
    {
        int rows = ActivationKernels.RowCount(z.Length, columns);
        SimdKernels.CheckLengths(z.Length, t.Length, nameof(t));
        SimdKernels.CheckLengths(z.Length, g.Length, nameof(g));
        if (rows == 0) return;
        float inverseRows = 1f / rows;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> zr = z.Slice(r * columns, columns);
            float scale = TensorPrimitives.Sum(t.Slice(r * columns, columns)) * inverseRows;
            SimdKernels.Map(zr, g.Slice(r * columns, columns), new ScaledShiftedExp(LogSumExp(zr), scale));
        }
        TensorPrimitives.MultiplyAdd(t, -inverseRows, g, g);
    }

    /// <summary>ln Σ eˣ, as max x + ln Σ e^(x − max x) so it never overflows.</summary>
    public static float LogSumExp(ReadOnlySpan<float> x)
    {
        if (x.IsEmpty) return float.NegativeInfinity;
        float max = TensorPrimitives.Max(x);
        if (float.IsInfinity(max)) return max;
        return max + MathF.Log(SimdKernels.Sum(x, new ShiftedExp(max)));
    }

    private readonly struct SquaredDifference : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => (p - t) * (p - t);

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t) => (p - t) * (p - t);

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t) => (p - t) * (p - t);
    }

    private readonly struct ScaledDifference(float scale) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => (p - t) * scale;

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t) => (p - t) * scale;

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t) => (p - t) * scale;
    }

    private readonly struct AbsoluteDifference : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => MathF.Abs(p - t);

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t) => Vector256.Abs(p - t);

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t) => Vector512.Abs(p - t);
    }

    private readonly struct ScaledSign(float scale) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => p > t ? scale : p < t ? -scale : 0f;

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
            => (Vector256.GreaterThan(p, t) & Vector256.Create(scale)) | (Vector256.LessThan(p, t) & Vector256.Create(-scale));

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
            => (Vector512.GreaterThan(p, t) & Vector512.Create(scale)) | (Vector512.LessThan(p, t) & Vector512.Create(-scale));
    }

    private readonly struct BinaryCrossEntropyTerm(float epsilon) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t)
        {
            float q = Math.Clamp(p, epsilon, 1f - epsilon);
            return -(t * MathF.Log(q) + (1f - t) * MathF.Log(1f - q));
        }

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
        {
            Vector256<float> q = Vector256.Min(Vector256.Max(p, Vector256.Create(epsilon)), Vector256.Create(1f - epsilon));
            return -(t * Vector256.Log(q) + (Vector256<float>.One - t) * Vector256.Log(Vector256<float>.One - q));
        }

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
        {
            Vector512<float> q = Vector512.Min(Vector512.Max(p, Vector512.Create(epsilon)), Vector512.Create(1f - epsilon));
            return -(t * Vector512.Log(q) + (Vector512<float>.One - t) * Vector512.Log(Vector512<float>.One - q));
        }
    }

    private readonly struct BinaryCrossEntropyDerivative(float epsilon, float scale) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => p > epsilon && p < 1f - epsilon ? (p - t) / (p * (1f - p)) * scale : 0f;

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
        {
            Vector256<float> inside = Vector256.GreaterThan(p, Vector256.Create(epsilon)) & Vector256.LessThan(p, Vector256.Create(1f - epsilon));
            return inside & ((p - t) / (p * (Vector256<float>.One - p)) * scale);
        }

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
        {
            Vector512<float> inside = Vector512.GreaterThan(p, Vector512.Create(epsilon)) & Vector512.LessThan(p, Vector512.Create(1f - epsilon));
            return inside & ((p - t) / (p * (Vector512<float>.One - p)) * scale);
        }
    }

    private readonly struct LogitBinaryCrossEntropyTerm : SimdKernels.IBinaryOperator
    {
        public float Invoke(float z, float t) => MathF.Max(z, 0f) - z * t + ActivationKernels.Log1P(MathF.Exp(-MathF.Abs(z)));

        public Vector256<float> Invoke(Vector256<float> z, Vector256<float> t)
            => Vector256.Max(z, Vector256<float>.Zero) - z * t + ActivationKernels.Log1P(Vector256.Exp(-Vector256.Abs(z)));

        public Vector512<float> Invoke(Vector512<float> z, Vector512<float> t)
            => Vector512.Max(z, Vector512<float>.Zero) - z * t + ActivationKernels.Log1P(Vector512.Exp(-Vector512.Abs(z)));
    }

    private readonly struct LogitBinaryCrossEntropyDerivative(float scale) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float z, float t) => (ActivationKernels.Sigmoid(z) - t) * scale;

        public Vector256<float> Invoke(Vector256<float> z, Vector256<float> t) => (ActivationKernels.Sigmoid(z) - t) * scale;

        public Vector512<float> Invoke(Vector512<float> z, Vector512<float> t) => (ActivationKernels.Sigmoid(z) - t) * scale;
    }

    private readonly struct CategoricalCrossEntropyTerm(float epsilon) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => -t * MathF.Log(Math.Clamp(p, epsilon, 1f - epsilon));

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
            => -t * Vector256.Log(Vector256.Min(Vector256.Max(p, Vector256.Create(epsilon)), Vector256.Create(1f - epsilon)));

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
            => -t * Vector512.Log(Vector512.Min(Vector512.Max(p, Vector512.Create(epsilon)), Vector512.Create(1f - epsilon)));
    }

    private readonly struct CategoricalCrossEntropyDerivative(float epsilon, float scale) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => p > epsilon && p < 1f - epsilon ? -t / p * scale : 0f;

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
        {
            Vector256<float> inside = Vector256.GreaterThan(p, Vector256.Create(epsilon)) & Vector256.LessThan(p, Vector256.Create(1f - epsilon));
            return inside & (-t / p * scale);
        }

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
        {
            Vector512<float> inside = Vector512.GreaterThan(p, Vector512.Create(epsilon)) & Vector512.LessThan(p, Vector512.Create(1f - epsilon));
            return inside & (-t / p * scale);
        }
    }

    private readonly struct ShiftedExp(float shift) : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => MathF.Exp(x - shift);

        public Vector256<float> Invoke(Vector256<float> x) => Vector256.Exp(x - Vector256.Create(shift));

        public Vector512<float> Invoke(Vector512<float> x) => Vector512.Exp(x - Vector512.Create(shift));
    }

    private readonly struct ScaledShiftedExp(float shift, float scale) : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => MathF.Exp(x - shift) * scale;

        public Vector256<float> Invoke(Vector256<float> x) => Vector256.Exp(x - Vector256.Create(shift)) * scale;

        public Vector512<float> Invoke(Vector512<float> x) => Vector512.Exp(x - Vector512.Create(shift)) * scale;
    }
}
