using System.Runtime.CompilerServices;
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
    /// Weighted binary cross-entropy over rows of <c>positive.Length</c> columns: the mean over every element of
    /// −[a·t·ln q + b·(1 − t)·ln(1 − q)] with q = clamp(p, ε, 1 − ε), a = <paramref name="positive"/>[c] and
    /// b = <paramref name="negative"/>[c] for the element's column c (PyTorch's <c>BCELoss(weight)</c> with
    /// <c>pos_weight</c>: a = weight·pos_weight, b = weight).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float WeightedBinaryCrossEntropy(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative,
        float epsilon = ProbabilityEpsilon)
    {
        int columns = WeightedColumns(p.Length, t.Length, positive, negative);
        double total = 0;
        for (int i = 0; i < p.Length; i++)
        {
            int c = i % columns;
            float q = Math.Clamp(p[i], epsilon, 1f - epsilon);
            total -= positive[c] * t[i] * MathF.Log(q) + negative[c] * (1f - t[i]) * MathF.Log(1f - q);
        }
        return p.Length == 0 ? 0f : (float)(total / p.Length);
    }

    /// <summary>g = (−a·t/p + b·(1 − t)/(1 − p)) / n where ε &lt; p &lt; 1 − ε, and 0 where the clamp holds p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightedBinaryCrossEntropyGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> g, ReadOnlySpan<float> positive,
        ReadOnlySpan<float> negative, float epsilon = ProbabilityEpsilon)
    {
        int columns = WeightedColumns(p.Length, t.Length, positive, negative);
        SimdKernels.CheckLengths(p.Length, g.Length, nameof(g));
        float scale = 1f / Math.Max(p.Length, 1);
        for (int i = 0; i < p.Length; i++)
        {
            int c = i % columns;
            g[i] = p[i] > epsilon && p[i] < 1f - epsilon
                ? (-positive[c] * t[i] / p[i] + negative[c] * (1f - t[i]) / (1f - p[i])) * scale
                : 0f;
        }
    }

    /// <summary>
    /// Weighted binary cross-entropy of σ(z) from logits, stable for any z: the mean of a·t·softplus(−z) +
    /// b·(1 − t)·softplus(z), with softplus(z) = max(z, 0) + log1p(e^−|z|) and softplus(−z) = softplus(z) − z
    /// (PyTorch's <c>BCEWithLogitsLoss(weight, pos_weight)</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float WeightedBinaryCrossEntropyWithLogits(ReadOnlySpan<float> z, ReadOnlySpan<float> t, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative)
    {
        int columns = WeightedColumns(z.Length, t.Length, positive, negative);
        double total = 0;
        for (int i = 0; i < z.Length; i++)
        {
            int c = i % columns;
            float softplus = MathF.Max(z[i], 0f) + ActivationKernels.Log1P(MathF.Exp(-MathF.Abs(z[i])));
            total += positive[c] * t[i] * (softplus - z[i]) + negative[c] * (1f - t[i]) * softplus;
        }
        return z.Length == 0 ? 0f : (float)(total / z.Length);
    }

    /// <summary>g = (a·t·(σ(z) − 1) + b·(1 − t)·σ(z)) / n; with a = b = 1, (σ(z) − t) / n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightedBinaryCrossEntropyWithLogitsGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> t, Span<float> g, ReadOnlySpan<float> positive,
        ReadOnlySpan<float> negative)
    {
        int columns = WeightedColumns(z.Length, t.Length, positive, negative);
        SimdKernels.CheckLengths(z.Length, g.Length, nameof(g));
        float scale = 1f / Math.Max(z.Length, 1);
        for (int i = 0; i < z.Length; i++)
        {
            int c = i % columns;
            float s = ActivationKernels.Sigmoid(z[i]);
            g[i] = (positive[c] * t[i] * (s - 1f) + negative[c] * (1f - t[i]) * s) * scale;
        }
    }

    // Columns of a weighted binary cross-entropy: one positive and one negative weight per column, whole rows.
    private static int WeightedColumns(int length, int targets, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative)
    {
        SimdKernels.CheckLengths(length, targets, "t");
        SimdKernels.CheckLengths(positive.Length, negative.Length, nameof(negative));
        ActivationKernels.RowCount(length, positive.Length);
        return positive.Length;
    }

    /// <summary>
    /// Mean over rows of −Σ t'·ln(clamp(p, ε, 1 − ε)), for rows of <paramref name="columns"/> classes, with the
    /// targets smoothed as PyTorch's <c>label_smoothing</c> s: t' = (1 − s)·t + s/columns. Probabilities are not
    /// renormalised.
    /// </summary>
    public static float CategoricalCrossEntropy(ReadOnlySpan<float> p, ReadOnlySpan<float> t, int columns, float epsilon = ProbabilityEpsilon, float smoothing = 0f)
    {
        int rows = ActivationKernels.RowCount(p.Length, columns);
        return rows == 0 ? 0f : SimdKernels.Sum(p, t, new CategoricalCrossEntropyTerm(epsilon, 1f - smoothing, smoothing / columns)) / rows;
    }

    /// <summary>g = −t' / p / rows where ε &lt; p &lt; 1 − ε, and 0 where the clamp holds p (t' the smoothed targets).</summary>
    public static void CategoricalCrossEntropyGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> g, int columns,
        float epsilon = ProbabilityEpsilon, float smoothing = 0f)
    {
        int rows = ActivationKernels.RowCount(p.Length, columns);
        SimdKernels.Map(p, t, g, new CategoricalCrossEntropyDerivative(epsilon, 1f / Math.Max(rows, 1), 1f - smoothing, smoothing / columns));
    }

    /// <summary>
    /// Categorical cross-entropy of softmax(z) from logits z: the mean over rows of Σ t'·(lse(z) − z), where
    /// lse(z) = max z + ln Σ e^(z − max z) and t' = (1 − s)·t + s/columns the smoothed targets.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float CategoricalCrossEntropyWithLogits(ReadOnlySpan<float> z, ReadOnlySpan<float> t, int columns, float smoothing = 0f)
    {
        int rows = ActivationKernels.RowCount(z.Length, columns);
        SimdKernels.CheckLengths(z.Length, t.Length, nameof(t));
        if (rows == 0) return 0f;
        float keep = 1f - smoothing, spread = smoothing / columns;
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> zr = z.Slice(r * columns, columns);
            ReadOnlySpan<float> tr = t.Slice(r * columns, columns);
            float targetSum = keep * TensorPrimitives.Sum(tr), dot = keep * TensorPrimitives.Dot(tr, zr);
            if (spread != 0)
            {
                targetSum += smoothing;
                dot += spread * TensorPrimitives.Sum(zr);
            }
            total += LogSumExp(zr) * targetSum - dot;
        }
        return (float)(total / rows);
    }

    /// <summary>g = (softmax(z)·Σt' − t') / rows per row; with one-hot or probability targets, (softmax(z) − t') / rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CategoricalCrossEntropyWithLogitsGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> t, Span<float> g, int columns, float smoothing = 0f)
    {
        int rows = ActivationKernels.RowCount(z.Length, columns);
        SimdKernels.CheckLengths(z.Length, t.Length, nameof(t));
        SimdKernels.CheckLengths(z.Length, g.Length, nameof(g));
        if (rows == 0) return;
        float inverseRows = 1f / rows, keep = 1f - smoothing;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> zr = z.Slice(r * columns, columns);
            float scale = (keep * TensorPrimitives.Sum(t.Slice(r * columns, columns)) + smoothing) * inverseRows;
            SimdKernels.Map(zr, g.Slice(r * columns, columns), new ScaledShiftedExp(LogSumExp(zr), scale));
        }
        TensorPrimitives.MultiplyAdd(t, -keep * inverseRows, g, g);
        if (smoothing != 0) TensorPrimitives.Subtract(g, smoothing / columns * inverseRows, g);
    }

    /// <summary>
    /// Class-weighted, smoothed targets, row by row: u = w ⊙ ((1 − s)·t + s/columns) for rows of
    /// <paramref name="weights"/>.Length columns, PyTorch's <c>CrossEntropyLoss(weight, label_smoothing)</c> with
    /// probability targets. The cross-entropy kernels above, given u and no smoothing, then compute
    /// −(1/rows)·Σ u·ln p and its gradients.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightedTargets(ReadOnlySpan<float> t, ReadOnlySpan<float> weights, float smoothing, Span<float> u)
    {
        int columns = weights.Length;
        int rows = ActivationKernels.RowCount(t.Length, columns);
        SimdKernels.CheckLengths(t.Length, u.Length, nameof(u));
        for (int r = 0; r < rows; r++)
        {
            Span<float> ur = u.Slice(r * columns, columns);
            TensorPrimitives.Multiply(t.Slice(r * columns, columns), 1f - smoothing, ur);
            if (smoothing != 0) TensorPrimitives.Add(ur, smoothing / columns, ur);
            TensorPrimitives.Multiply(ur, weights, ur);
        }
    }

    /// <summary>
    /// Huber loss, as PyTorch's <c>HuberLoss(delta)</c>: mean over every element of ½d² where |d| &lt; δ, else
    /// δ·(|d| − ½δ), with d = p − t.
    /// </summary>
    public static float Huber(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float delta)
        => p.Length == 0 ? 0f : SimdKernels.Sum(p, t, new HuberTerm(delta)) / p.Length;

    /// <summary>g = clamp(p − t, −δ, δ) / n.</summary>
    public static void HuberGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float delta, Span<float> g)
        => SimdKernels.Map(p, t, g, new HuberDerivative(delta, 1f / Math.Max(p.Length, 1)));

    /// <summary>
    /// Hinge loss, as Keras' <c>hinge</c>: mean over every element of max(0, 1 − y·p), with y = +1 where the target
    /// is &gt; 0 and −1 elsewhere (0/1 and −1/+1 labels both work).
    /// </summary>
    public static float Hinge(ReadOnlySpan<float> p, ReadOnlySpan<float> t)
        => p.Length == 0 ? 0f : SimdKernels.Sum(p, t, new HingeTerm()) / p.Length;

    /// <summary>g = −y / n where 1 − y·p &gt; 0, else 0 (0 at the kink).</summary>
    public static void HingeGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> g)
        => SimdKernels.Map(p, t, g, new HingeDerivative(1f / Math.Max(p.Length, 1)));

    /// <summary>
    /// Kullback-Leibler divergence KL(t ‖ e^p) from log-probabilities p and probabilities t, as PyTorch's
    /// <c>kl_div(p, t, reduction='batchmean')</c>: Σ t·(ln t − p) over elements with t &gt; 0, divided by the rows.
    /// </summary>
    public static float KlDivergence(ReadOnlySpan<float> p, ReadOnlySpan<float> t, int columns)
    {
        int rows = ActivationKernels.RowCount(p.Length, columns);
        return rows == 0 ? 0f : SimdKernels.Sum(p, t, new KlDivergenceTerm()) / rows;
    }

    /// <summary>g = −t / rows.</summary>
    public static void KlDivergenceGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> g, int columns)
    {
        int rows = ActivationKernels.RowCount(p.Length, columns);
        SimdKernels.CheckLengths(p.Length, t.Length, nameof(t));
        SimdKernels.CheckLengths(p.Length, g.Length, nameof(g));
        TensorPrimitives.Multiply(t, -1f / Math.Max(rows, 1), g);
    }

    /// <summary>
    /// Sparse categorical cross-entropy: for rows of <paramref name="columns"/> probabilities p and one class index k
    /// per row (a float holding a whole number in [0, columns)), the mean over rows of −w[k]·ln clamp(p[k], ε, 1 − ε),
    /// with w the optional per-class <paramref name="weights"/> (empty: every class weighs 1). Divided by the rows,
    /// not by Σ w[k] (as the one-hot kernels with weighted targets, and Keras; PyTorch's index-target mean divides by Σ w[k]).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SparseCategoricalCrossEntropy(ReadOnlySpan<float> p, ReadOnlySpan<float> classes, int columns, float epsilon = ProbabilityEpsilon,
        ReadOnlySpan<float> weights = default)
    {
        int rows = SparseRows(p.Length, classes, columns, weights);
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            int k = (int)classes[r];
            total -= ClassWeight(weights, k) * MathF.Log(Math.Clamp(p[r * columns + k], epsilon, 1f - epsilon));
        }
        return rows == 0 ? 0f : (float)(total / rows);
    }

    /// <summary>g = −w[k]/p[k]/rows at each row's class k where ε &lt; p &lt; 1 − ε, and 0 elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SparseCategoricalCrossEntropyGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> classes, Span<float> g, int columns,
        float epsilon = ProbabilityEpsilon, ReadOnlySpan<float> weights = default)
    {
        int rows = SparseRows(p.Length, classes, columns, weights);
        SimdKernels.CheckLengths(p.Length, g.Length, nameof(g));
        g.Clear();
        for (int r = 0; r < rows; r++)
        {
            int k = (int)classes[r], i = r * columns + k;
            if (p[i] > epsilon && p[i] < 1f - epsilon) g[i] = -ClassWeight(weights, k) / p[i] / rows;
        }
    }

    /// <summary>From logits z: the mean over rows of w[k]·(lse(z) − z[k]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SparseCategoricalCrossEntropyWithLogits(ReadOnlySpan<float> z, ReadOnlySpan<float> classes, int columns, ReadOnlySpan<float> weights = default)
    {
        int rows = SparseRows(z.Length, classes, columns, weights);
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            int k = (int)classes[r];
            total += ClassWeight(weights, k) * (LogSumExp(z.Slice(r * columns, columns)) - z[r * columns + k]);
        }
        return rows == 0 ? 0f : (float)(total / rows);
    }

    /// <summary>g = w[k]·(softmax(z) − onehot(k)) / rows per row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SparseCategoricalCrossEntropyWithLogitsGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> classes, Span<float> g, int columns,
        ReadOnlySpan<float> weights = default)
    {
        int rows = SparseRows(z.Length, classes, columns, weights);
        SimdKernels.CheckLengths(z.Length, g.Length, nameof(g));
        float inverseRows = 1f / Math.Max(rows, 1);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> zr = z.Slice(r * columns, columns);
            int k = (int)classes[r];
            float scale = ClassWeight(weights, k) * inverseRows; // exactly inverseRows without weights
            SimdKernels.Map(zr, g.Slice(r * columns, columns), new ScaledShiftedExp(LogSumExp(zr), scale));
            g[r * columns + k] -= scale;
        }
    }

    private static float ClassWeight(ReadOnlySpan<float> weights, int k) => weights.IsEmpty ? 1f : weights[k];

    // Rows of a sparse target: one class index per row, each a whole number in [0, columns).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SparseRows(int length, ReadOnlySpan<float> classes, int columns, ReadOnlySpan<float> weights)
    {
        int rows = ActivationKernels.RowCount(length, columns);
        SimdKernels.CheckLengths(rows, classes.Length, nameof(classes));
        if (!weights.IsEmpty) SimdKernels.CheckLengths(columns, weights.Length, nameof(weights));
        for (int r = 0; r < rows; r++)
        {
            float k = classes[r];
            if (!(k >= 0 && k < columns && k == MathF.Floor(k)))
                throw new ArgumentException($"Row {r}'s target is {k}; a sparse target is a class index, a whole number in [0, {columns}).", nameof(classes));
        }
        return rows;
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

    // Targets smoothed on the fly: t' = keep·t + spread (keep = 1, spread = 0 without smoothing).
    private readonly struct CategoricalCrossEntropyTerm(float epsilon, float keep, float spread) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => -(t * keep + spread) * MathF.Log(Math.Clamp(p, epsilon, 1f - epsilon));

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
            => -(t * keep + Vector256.Create(spread)) * Vector256.Log(Vector256.Min(Vector256.Max(p, Vector256.Create(epsilon)), Vector256.Create(1f - epsilon)));

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
            => -(t * keep + Vector512.Create(spread)) * Vector512.Log(Vector512.Min(Vector512.Max(p, Vector512.Create(epsilon)), Vector512.Create(1f - epsilon)));
    }

    private readonly struct CategoricalCrossEntropyDerivative(float epsilon, float scale, float keep, float spread) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => p > epsilon && p < 1f - epsilon ? -(t * keep + spread) / p * scale : 0f;

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
        {
            Vector256<float> inside = Vector256.GreaterThan(p, Vector256.Create(epsilon)) & Vector256.LessThan(p, Vector256.Create(1f - epsilon));
            return inside & (-(t * keep + Vector256.Create(spread)) / p * scale);
        }

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
        {
            Vector512<float> inside = Vector512.GreaterThan(p, Vector512.Create(epsilon)) & Vector512.LessThan(p, Vector512.Create(1f - epsilon));
            return inside & (-(t * keep + Vector512.Create(spread)) / p * scale);
        }
    }

    private readonly struct HuberTerm(float delta) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t)
        {
            float a = MathF.Abs(p - t);
            return a < delta ? 0.5f * a * a : delta * (a - 0.5f * delta);
        }

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
        {
            Vector256<float> a = Vector256.Abs(p - t);
            return Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(delta)), a * a * 0.5f, (a - Vector256.Create(0.5f * delta)) * delta);
        }

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
        {
            Vector512<float> a = Vector512.Abs(p - t);
            return Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(delta)), a * a * 0.5f, (a - Vector512.Create(0.5f * delta)) * delta);
        }
    }

    private readonly struct HuberDerivative(float delta, float scale) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => Math.Clamp(p - t, -delta, delta) * scale;

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
            => Vector256.Min(Vector256.Max(p - t, Vector256.Create(-delta)), Vector256.Create(delta)) * scale;

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
            => Vector512.Min(Vector512.Max(p - t, Vector512.Create(-delta)), Vector512.Create(delta)) * scale;
    }

    private readonly struct HingeTerm : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => MathF.Max(0f, 1f - (t > 0 ? p : -p));

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
            => Vector256.Max(Vector256<float>.Zero, Vector256<float>.One - Vector256.ConditionalSelect(Vector256.GreaterThan(t, Vector256<float>.Zero), p, -p));

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
            => Vector512.Max(Vector512<float>.Zero, Vector512<float>.One - Vector512.ConditionalSelect(Vector512.GreaterThan(t, Vector512<float>.Zero), p, -p));
    }

    private readonly struct HingeDerivative(float scale) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t)
        {
            float y = t > 0 ? 1f : -1f;
            return 1f - y * p > 0 ? -y * scale : 0f;
        }

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
        {
            Vector256<float> y = Vector256.ConditionalSelect(Vector256.GreaterThan(t, Vector256<float>.Zero), Vector256<float>.One, Vector256.Create(-1f));
            return Vector256.GreaterThan(Vector256<float>.One - y * p, Vector256<float>.Zero) & (-y * scale);
        }

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
        {
            Vector512<float> y = Vector512.ConditionalSelect(Vector512.GreaterThan(t, Vector512<float>.Zero), Vector512<float>.One, Vector512.Create(-1f));
            return Vector512.GreaterThan(Vector512<float>.One - y * p, Vector512<float>.Zero) & (-y * scale);
        }
    }

    // t·(ln t − p) where t > 0, else 0 (PyTorch's xlogy convention). The log of a masked-out t is never selected.
    private readonly struct KlDivergenceTerm : SimdKernels.IBinaryOperator
    {
        public float Invoke(float p, float t) => t > 0 ? t * (MathF.Log(t) - p) : 0f;

        public Vector256<float> Invoke(Vector256<float> p, Vector256<float> t)
            => Vector256.GreaterThan(t, Vector256<float>.Zero) & (t * (Vector256.Log(t) - p));

        public Vector512<float> Invoke(Vector512<float> p, Vector512<float> t)
            => Vector512.GreaterThan(t, Vector512<float>.Zero) & (t * (Vector512.Log(t) - p));
    }

    internal readonly struct ShiftedExp(float shift) : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => MathF.Exp(x - shift);

        public Vector256<float> Invoke(Vector256<float> x) => Vector256.Exp(x - Vector256.Create(shift));

        public Vector512<float> Invoke(Vector512<float> x) => Vector512.Exp(x - Vector512.Create(shift));
    }

    internal readonly struct ScaledShiftedExp(float shift, float scale) : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => MathF.Exp(x - shift) * scale;

        public Vector256<float> Invoke(Vector256<float> x) => Vector256.Exp(x - Vector256.Create(shift)) * scale;

        public Vector512<float> Invoke(Vector512<float> x) => Vector512.Exp(x - Vector512.Create(shift)) * scale;
    }
}
