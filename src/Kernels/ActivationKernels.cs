using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// Activation functions and their backward passes on flat spans, vectorised. Forward writes y = f(x); backward
/// writes dx = dy · f'(x), from whichever of x and y gives the derivative most cheaply. Derivatives at kinks
/// follow PyTorch: relu'(0) = 0, leaky_relu'(0) = alpha, elu'(0) = alpha.
/// </summary>
/// <remarks>Outputs may be the same span as an input. Lengths must match, else <see cref="ArgumentException"/>.</remarks>
public static class ActivationKernels
{
    /// <summary>y = max(x, 0).</summary>
    public static void Relu(ReadOnlySpan<float> x, Span<float> y)
    {
        SimdKernels.CheckLengths(x.Length, y.Length, nameof(y));
        SimdKernels.Map(x, y, new ReluForward());
    }

    /// <summary>dx = x &gt; 0 ? dy : 0.</summary>
    public static void ReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
        => SimdKernels.Map(x, dy, dx, new ReluGradient());

    /// <summary>y = x &gt; 0 ? x : alpha·x.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, float alpha, Span<float> y)
        => SimdKernels.Map(x, y, new LeakyReluForward(alpha));

    /// <summary>dx = x &gt; 0 ? dy : alpha·dy.</summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, float alpha, Span<float> dx)
        => SimdKernels.Map(x, dy, dx, new LeakyReluGradient(alpha));

    /// <summary>y = x &gt; 0 ? x : alpha·(eˣ − 1).</summary>
    public static void Elu(ReadOnlySpan<float> x, float alpha, Span<float> y)
        => SimdKernels.Map(x, y, new EluForward(alpha));

    /// <summary>dx = x &gt; 0 ? dy : dy·(y + alpha), where y + alpha = alpha·eˣ.</summary>
    public static void EluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float alpha, Span<float> dx)
        => SimdKernels.Map(x, y, dy, dx, new EluGradient(alpha));

    /// <summary>y = 1 / (1 + e⁻ˣ).</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        SimdKernels.CheckLengths(x.Length, y.Length, nameof(y));
        if (!x.IsEmpty) TensorPrimitives.Sigmoid(x, y); // it rejects empty spans
    }

    /// <summary>dx = dy·y·(1 − y), from the sigmoid's output y.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
        => SimdKernels.Map(y, dy, dx, new SigmoidGradient());

    /// <summary>y = tanh(x).</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        SimdKernels.CheckLengths(x.Length, y.Length, nameof(y));
        TensorPrimitives.Tanh(x, y);
    }

    /// <summary>dx = dy·(1 − y²), from tanh's output y.</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
        => SimdKernels.Map(y, dy, dx, new TanhGradient());

    /// <summary>y = ln(1 + eˣ), computed as max(x, 0) + log1p(e^−|x|) so it neither overflows nor loses small values.</summary>
    public static void Softplus(ReadOnlySpan<float> x, Span<float> y)
        => SimdKernels.Map(x, y, new SoftplusForward());

    /// <summary>dx = dy·σ(x).</summary>
    public static void SoftplusBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
        => SimdKernels.Map(x, dy, dx, new SoftplusGradient());

    /// <summary>y = x·σ(x) (SiLU): <see cref="Swish"/> with β = 1, bit for bit (x·1 = x).</summary>
    public static void Silu(ReadOnlySpan<float> x, Span<float> y) => Swish(x, 1f, y);

    /// <summary>dx = dy·σ(x)·(1 + x·(1 − σ(x))): <see cref="SwishBackward"/> with β = 1.</summary>
    public static void SiluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx) => SwishBackward(x, dy, 1f, dx);

    /// <summary>
    /// Row-wise softmax of a row-major matrix with <paramref name="columns"/> columns:
    /// y = e^(x − max x) / Σ e^(x − max x) per row, so large logits never overflow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Softmax(ReadOnlySpan<float> x, Span<float> y, int columns)
    {
        int rows = RowCount(x.Length, columns);
        SimdKernels.CheckLengths(x.Length, y.Length, nameof(y));
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> xr = x.Slice(r * columns, columns);
            Span<float> yr = y.Slice(r * columns, columns);
            // Operator structs, not TensorPrimitives calls: they compile with this method, so a row of ten logits
            // does not go through four generic framework calls that start out unoptimised.
            float max = xr[0];
            for (int j = 1; j < xr.Length; j++) max = MathF.Max(max, xr[j]);
            float sum = SimdKernels.Sum(xr, new LossKernels.ShiftedExp(max));
            SimdKernels.Map(xr, yr, new LossKernels.ScaledShiftedExp(max, 1f / sum));
        }
    }

    /// <summary>Row-wise softmax backward from its output y: dx = y·(dy − Σⱼ dyⱼ·yⱼ) per row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SoftmaxBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int columns)
    {
        int rows = RowCount(y.Length, columns);
        SimdKernels.CheckLengths(y.Length, dy.Length, nameof(dy));
        SimdKernels.CheckLengths(y.Length, dx.Length, nameof(dx));
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> yr = y.Slice(r * columns, columns);
            ReadOnlySpan<float> dyr = dy.Slice(r * columns, columns);
            float dot = TensorPrimitives.Dot(dyr, yr);
            TensorPrimitives.AddMultiply(dyr, -dot, yr, dx.Slice(r * columns, columns));
        }
    }

    /// <summary>SELU's fixed α (Klambauer et al. 2017, as PyTorch).</summary>
    public const float SeluAlpha = 1.6732632423543772848170429916717f;

    /// <summary>SELU's fixed scale λ.</summary>
    public const float SeluScale = 1.0507009873554804934193349852946f;

    /// <summary>y = λ·(x &gt; 0 ? x : α·(eˣ − 1)), with PyTorch's fixed α and λ.</summary>
    public static void Selu(ReadOnlySpan<float> x, Span<float> y)
        => SimdKernels.Map(x, y, new SeluForward());

    /// <summary>dx = x &gt; 0 ? λ·dy : dy·(y + λ·α), where y + λ·α = λ·α·eˣ.</summary>
    public static void SeluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
        => SimdKernels.Map(x, y, dy, dx, new SeluGradient());

    /// <summary>y = x·Φ(x) = x/2·(1 + erf(x/√2)), the exact (erf) form, PyTorch's default.</summary>
    public static void Gelu(ReadOnlySpan<float> x, Span<float> y)
        => SimdKernels.Map(x, y, new GeluForward());

    /// <summary>dx = dy·(Φ(x) + x·φ(x)), φ the standard normal density.</summary>
    public static void GeluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
        => SimdKernels.Map(x, dy, dx, new GeluGradient());

    /// <summary>y = clamp(x/6 + 1/2, 0, 1), PyTorch's hardsigmoid (relu6(x + 3)/6).</summary>
    public static void HardSigmoid(ReadOnlySpan<float> x, Span<float> y)
        => SimdKernels.Map(x, y, new HardSigmoidForward());

    /// <summary>dx = −3 &lt; x &lt; 3 ? dy/6 : 0 (0 at the kinks, as PyTorch).</summary>
    public static void HardSigmoidBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
        => SimdKernels.Map(x, dy, dx, new HardSigmoidGradient());

    /// <summary>y = x / (1 + |x|).</summary>
    public static void Softsign(ReadOnlySpan<float> x, Span<float> y)
        => SimdKernels.Map(x, y, new SoftsignForward());

    /// <summary>dx = dy / (1 + |x|)².</summary>
    public static void SoftsignBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
        => SimdKernels.Map(x, dy, dx, new SoftsignGradient());

    /// <summary>
    /// y = x·tanh(softplus(x)). With n = eˣ, tanh(ln(1 + n)) = n(n + 2) / (n(n + 2) + 2), which has no cancellation
    /// for small n; x is capped at 20 inside the exponential, where that ratio is already 1 in float.
    /// </summary>
    public static void Mish(ReadOnlySpan<float> x, Span<float> y)
        => SimdKernels.Map(x, y, new MishForward());

    /// <summary>dx = dy·(t + x·σ(x)·(1 − t²)), t = tanh(softplus(x)), with 1 − t² = 4(u + 1)/(u + 2)², u = n(n + 2).</summary>
    public static void MishBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
        => SimdKernels.Map(x, dy, dx, new MishGradient());

    /// <summary>y = x·σ(β·x) (swish; β = 1 is SiLU).</summary>
    public static void Swish(ReadOnlySpan<float> x, float beta, Span<float> y)
        => SimdKernels.Map(x, y, new SwishForward(beta));

    /// <summary>dx = dy·(s + β·x·s·(1 − s)), s = σ(β·x).</summary>
    public static void SwishBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, float beta, Span<float> dx)
        => SimdKernels.Map(x, dy, dx, new SwishGradient(beta));

    /// <summary>
    /// Row-wise log-softmax of a row-major matrix with <paramref name="columns"/> columns:
    /// y = (x − max x) − ln Σ e^(x − max x) per row, finite for any finite logits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LogSoftmax(ReadOnlySpan<float> x, Span<float> y, int columns)
    {
        int rows = RowCount(x.Length, columns);
        SimdKernels.CheckLengths(x.Length, y.Length, nameof(y));
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> xr = x.Slice(r * columns, columns);
            Span<float> yr = y.Slice(r * columns, columns);
            float max = TensorPrimitives.Max(xr);
            float sum = SimdKernels.Sum(xr, new LossKernels.ShiftedExp(max));
            TensorPrimitives.Subtract(xr, max, yr); // (x − max) − ln Σ, as PyTorch: max + ln Σ would round at large max
            TensorPrimitives.Subtract(yr, MathF.Log(sum), yr);
        }
    }

    /// <summary>Row-wise log-softmax backward from its output y: dx = dy − e^y·Σⱼ dyⱼ per row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LogSoftmaxBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int columns)
    {
        int rows = RowCount(y.Length, columns);
        SimdKernels.CheckLengths(y.Length, dy.Length, nameof(dy));
        SimdKernels.CheckLengths(y.Length, dx.Length, nameof(dx));
        for (int r = 0; r < rows; r++)
        {
            int start = r * columns;
            float total = TensorPrimitives.Sum(dy.Slice(start, columns));
            SimdKernels.Map(y.Slice(start, columns), dy.Slice(start, columns), dx.Slice(start, columns), new LogSoftmaxGradient(total));
        }
    }

    /// <summary>
    /// Parametric ReLU over a batch of samples whose first dimension has <paramref name="channels"/> channels of
    /// <paramref name="inner"/> elements each: y = x &gt; 0 ? x : a·x, with a = <paramref name="slopes"/>[c] (one per
    /// channel) or <paramref name="slopes"/>[0] for all (a single slope).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PRelu(ReadOnlySpan<float> x, ReadOnlySpan<float> slopes, int channels, int inner, Span<float> y)
    {
        SimdKernels.CheckLengths(x.Length, y.Length, nameof(y));
        if (slopes.Length == 1)
        {
            LeakyRelu(x, slopes[0], y);
            return;
        }
        int blocks = PReluBlocks(x.Length, slopes.Length, channels, inner);
        for (int b = 0; b < blocks; b++)
            LeakyRelu(x.Slice(b * inner, inner), slopes[b % channels], y.Slice(b * inner, inner));
    }

    /// <summary>
    /// Parametric ReLU backward: dx = x &gt; 0 ? dy : a·dy, and da = Σ dy·x over the elements with x ≤ 0 that share
    /// the slope, summed in a fixed order (overwritten, not accumulated).
    /// </summary>
    public static void PReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, ReadOnlySpan<float> slopes, int channels, int inner,
        Span<float> dx, Span<float> slopeGradient)
    {
        SimdKernels.CheckLengths(x.Length, dy.Length, nameof(dy));
        SimdKernels.CheckLengths(slopes.Length, slopeGradient.Length, nameof(slopeGradient));
        int blocks = PReluBlocks(x.Length, slopes.Length, channels, inner);
        slopeGradient.Clear();
        for (int b = 0; b < blocks; b++)
        {
            int c = slopes.Length == 1 ? 0 : b % channels;
            ReadOnlySpan<float> xb = x.Slice(b * inner, inner), dyb = dy.Slice(b * inner, inner);
            slopeGradient[c] += SimdKernels.Sum(xb, dyb, new NonPositiveProduct());
            if (!dx.IsEmpty) LeakyReluBackward(xb, dyb, slopes[c], dx.Slice(b * inner, inner));
        }
    }

    private static int PReluBlocks(int length, int slopes, int channels, int inner)
    {
        if (channels <= 0 || inner <= 0 || length % (channels * inner) != 0 || (slopes != 1 && slopes != channels))
            throw new ArgumentException($"PReLU over {length} elements in samples of {channels} channels × {inner} with {slopes} slopes: the sizes do not fit.", nameof(slopes));
        return length / inner;
    }

    // erf(x) for float, as Eigen's generic_fast_erf_float: x clamped to [−4, 4] (erf is ±1 in float beyond) and a
    // rational polynomial, odd degree 13 over even degree 8; within a few ulp over the whole range.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Erf(float x)
    {
        x = Math.Clamp(x, -4f, 4f);
        float x2 = x * x;
        float p = x2 * -2.72614225801306e-10f + 2.77068142495902e-08f;
        p = x2 * p + -2.10102402082508e-06f;
        p = x2 * p + -5.69250639462346e-05f;
        p = x2 * p + -7.34990630326855e-04f;
        p = x2 * p + -2.95459980854025e-03f;
        p = x2 * p + -1.60960333262415e-02f;
        float q = x2 * -1.45660718464996e-05f + -2.13374055278905e-04f;
        q = x2 * q + -1.68282697438203e-03f;
        q = x2 * q + -7.37332916720468e-03f;
        q = x2 * q + -1.42647390514189e-02f;
        return x * p / q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Erf(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-4f)), Vector256.Create(4f));
        Vector256<float> x2 = x * x;
        Vector256<float> p = x2 * Vector256.Create(-2.72614225801306e-10f) + Vector256.Create(2.77068142495902e-08f);
        p = x2 * p + Vector256.Create(-2.10102402082508e-06f);
        p = x2 * p + Vector256.Create(-5.69250639462346e-05f);
        p = x2 * p + Vector256.Create(-7.34990630326855e-04f);
        p = x2 * p + Vector256.Create(-2.95459980854025e-03f);
        p = x2 * p + Vector256.Create(-1.60960333262415e-02f);
        Vector256<float> q = x2 * Vector256.Create(-1.45660718464996e-05f) + Vector256.Create(-2.13374055278905e-04f);
        q = x2 * q + Vector256.Create(-1.68282697438203e-03f);
        q = x2 * q + Vector256.Create(-7.37332916720468e-03f);
        q = x2 * q + Vector256.Create(-1.42647390514189e-02f);
        return x * p / q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Erf(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-4f)), Vector512.Create(4f));
        Vector512<float> x2 = x * x;
        Vector512<float> p = x2 * Vector512.Create(-2.72614225801306e-10f) + Vector512.Create(2.77068142495902e-08f);
        p = x2 * p + Vector512.Create(-2.10102402082508e-06f);
        p = x2 * p + Vector512.Create(-5.69250639462346e-05f);
        p = x2 * p + Vector512.Create(-7.34990630326855e-04f);
        p = x2 * p + Vector512.Create(-2.95459980854025e-03f);
        p = x2 * p + Vector512.Create(-1.60960333262415e-02f);
        Vector512<float> q = x2 * Vector512.Create(-1.45660718464996e-05f) + Vector512.Create(-2.13374055278905e-04f);
        q = x2 * q + Vector512.Create(-1.68282697438203e-03f);
        q = x2 * q + Vector512.Create(-7.37332916720468e-03f);
        q = x2 * q + Vector512.Create(-1.42647390514189e-02f);
        return x * p / q;
    }

    internal static int RowCount(int length, int columns)
    {
        if (columns <= 0 || length % columns != 0)
            throw new ArgumentException($"A span of {length} elements is not a whole number of rows of {columns} columns.", nameof(columns));
        return length / columns;
    }

    // σ(x) = 1 / (1 + e⁻ˣ); for very negative x, e⁻ˣ is +∞ and σ is 0, as it should be.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-x));

    // log1p(e) for e ≥ 0 without losing small e: with u = 1 + e rounded, log(u)·e/(u − 1) is exact to rounding
    // (Goldberg, "What every computer scientist should know about floating-point arithmetic", theorem 4).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Log1P(float e)
    {
        float u = 1f + e;
        return u == 1f ? e : MathF.Log(u) * e / (u - 1f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Log1P(Vector256<float> e)
    {
        Vector256<float> u = Vector256<float>.One + e, d = u - Vector256<float>.One;
        return Vector256.ConditionalSelect(Vector256.Equals(d, Vector256<float>.Zero), e, Vector256.Log(u) * e / d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Log1P(Vector512<float> e)
    {
        Vector512<float> u = Vector512<float>.One + e, d = u - Vector512<float>.One;
        return Vector512.ConditionalSelect(Vector512.Equals(d, Vector512<float>.Zero), e, Vector512.Log(u) * e / d);
    }

    // max(x, 0) with NaN propagated, as TensorPrimitives.Max and PyTorch do.
    private readonly struct ReluForward : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => MathF.Max(x, 0f);

        public Vector256<float> Invoke(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);

        public Vector512<float> Invoke(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero);
    }

    private readonly struct ReluGradient : SimdKernels.IBinaryOperator
    {
        public float Invoke(float x, float dy) => x > 0 ? dy : 0f;

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy) => Vector256.GreaterThan(x, Vector256<float>.Zero) & dy;

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy) => Vector512.GreaterThan(x, Vector512<float>.Zero) & dy;
    }

    private readonly struct LeakyReluForward(float alpha) : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => x > 0 ? x : alpha * x;

        public Vector256<float> Invoke(Vector256<float> x)
            => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * alpha);

        public Vector512<float> Invoke(Vector512<float> x)
            => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, x * alpha);
    }

    private readonly struct LeakyReluGradient(float alpha) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float x, float dy) => x > 0 ? dy : alpha * dy;

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy)
            => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), dy, dy * alpha);

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy)
            => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), dy, dy * alpha);
    }

    private readonly struct EluForward(float alpha) : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => x > 0 ? x : alpha * (MathF.Exp(x) - 1f);

        // exp of min(x, 0) so lanes that keep x never compute e^large.
        public Vector256<float> Invoke(Vector256<float> x)
            => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x,
                (Vector256.Exp(Vector256.Min(x, Vector256<float>.Zero)) - Vector256<float>.One) * alpha);

        public Vector512<float> Invoke(Vector512<float> x)
            => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x,
                (Vector512.Exp(Vector512.Min(x, Vector512<float>.Zero)) - Vector512<float>.One) * alpha);
    }

    private readonly struct EluGradient(float alpha) : SimdKernels.ITernaryOperator
    {
        public float Invoke(float x, float y, float dy) => x > 0 ? dy : dy * (y + alpha);

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy)
            => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), dy, dy * (y + Vector256.Create(alpha)));

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy)
            => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), dy, dy * (y + Vector512.Create(alpha)));
    }

    private readonly struct SigmoidGradient : SimdKernels.IBinaryOperator
    {
        public float Invoke(float y, float dy) => dy * y * (1f - y);

        public Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy) => dy * y * (Vector256<float>.One - y);

        public Vector512<float> Invoke(Vector512<float> y, Vector512<float> dy) => dy * y * (Vector512<float>.One - y);
    }

    private readonly struct TanhGradient : SimdKernels.IBinaryOperator
    {
        public float Invoke(float y, float dy) => dy * (1f - y * y);

        public Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy) => dy * (Vector256<float>.One - y * y);

        public Vector512<float> Invoke(Vector512<float> y, Vector512<float> dy) => dy * (Vector512<float>.One - y * y);
    }

    private readonly struct SoftplusForward : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => MathF.Max(x, 0f) + Log1P(MathF.Exp(-MathF.Abs(x)));

        public Vector256<float> Invoke(Vector256<float> x)
            => Vector256.Max(x, Vector256<float>.Zero) + Log1P(Vector256.Exp(-Vector256.Abs(x)));

        public Vector512<float> Invoke(Vector512<float> x)
            => Vector512.Max(x, Vector512<float>.Zero) + Log1P(Vector512.Exp(-Vector512.Abs(x)));
    }

    private readonly struct SoftplusGradient : SimdKernels.IBinaryOperator
    {
        public float Invoke(float x, float dy) => dy * Sigmoid(x);

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy) => dy * Sigmoid(x);

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy) => dy * Sigmoid(x);
    }

    private readonly struct SeluForward : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => SeluScale * (x > 0 ? x : SeluAlpha * (MathF.Exp(x) - 1f));

        public Vector256<float> Invoke(Vector256<float> x)
            => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x,
                (Vector256.Exp(Vector256.Min(x, Vector256<float>.Zero)) - Vector256<float>.One) * SeluAlpha) * SeluScale;

        public Vector512<float> Invoke(Vector512<float> x)
            => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x,
                (Vector512.Exp(Vector512.Min(x, Vector512<float>.Zero)) - Vector512<float>.One) * SeluAlpha) * SeluScale;
    }

    private readonly struct SeluGradient : SimdKernels.ITernaryOperator
    {
        private const float ScaleAlpha = SeluScale * SeluAlpha;

        public float Invoke(float x, float y, float dy) => x > 0 ? dy * SeluScale : dy * (y + ScaleAlpha);

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy)
            => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), dy * SeluScale, dy * (y + Vector256.Create(ScaleAlpha)));

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy)
            => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), dy * SeluScale, dy * (y + Vector512.Create(ScaleAlpha)));
    }

    private const float InvSqrt2 = 0.70710678118654752440f;
    private const float InvSqrt2Pi = 0.39894228040143267794f;

    private readonly struct GeluForward : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => 0.5f * x * (1f + Erf(x * InvSqrt2));

        public Vector256<float> Invoke(Vector256<float> x) => x * Vector256.Create(0.5f) * (Vector256<float>.One + Erf(x * InvSqrt2));

        public Vector512<float> Invoke(Vector512<float> x) => x * Vector512.Create(0.5f) * (Vector512<float>.One + Erf(x * InvSqrt2));
    }

    private readonly struct GeluGradient : SimdKernels.IBinaryOperator
    {
        public float Invoke(float x, float dy)
            => dy * (0.5f * (1f + Erf(x * InvSqrt2)) + x * InvSqrt2Pi * MathF.Exp(-0.5f * x * x));

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy)
            => dy * (Vector256.Create(0.5f) * (Vector256<float>.One + Erf(x * InvSqrt2)) + x * InvSqrt2Pi * Vector256.Exp(x * x * -0.5f));

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy)
            => dy * (Vector512.Create(0.5f) * (Vector512<float>.One + Erf(x * InvSqrt2)) + x * InvSqrt2Pi * Vector512.Exp(x * x * -0.5f));
    }

    private readonly struct HardSigmoidForward : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => Math.Clamp(x / 6f + 0.5f, 0f, 1f);

        public Vector256<float> Invoke(Vector256<float> x)
            => Vector256.Min(Vector256.Max(x / 6f + Vector256.Create(0.5f), Vector256<float>.Zero), Vector256<float>.One);

        public Vector512<float> Invoke(Vector512<float> x)
            => Vector512.Min(Vector512.Max(x / 6f + Vector512.Create(0.5f), Vector512<float>.Zero), Vector512<float>.One);
    }

    private readonly struct HardSigmoidGradient : SimdKernels.IBinaryOperator
    {
        public float Invoke(float x, float dy) => x > -3f && x < 3f ? dy / 6f : 0f;

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy)
            => Vector256.GreaterThan(x, Vector256.Create(-3f)) & Vector256.LessThan(x, Vector256.Create(3f)) & (dy / 6f);

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy)
            => Vector512.GreaterThan(x, Vector512.Create(-3f)) & Vector512.LessThan(x, Vector512.Create(3f)) & (dy / 6f);
    }

    private readonly struct SoftsignForward : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => x / (1f + MathF.Abs(x));

        public Vector256<float> Invoke(Vector256<float> x) => x / (Vector256<float>.One + Vector256.Abs(x));

        public Vector512<float> Invoke(Vector512<float> x) => x / (Vector512<float>.One + Vector512.Abs(x));
    }

    private readonly struct SoftsignGradient : SimdKernels.IBinaryOperator
    {
        public float Invoke(float x, float dy)
        {
            float d = 1f + MathF.Abs(x);
            return dy / (d * d);
        }

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy)
        {
            Vector256<float> d = Vector256<float>.One + Vector256.Abs(x);
            return dy / (d * d);
        }

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy)
        {
            Vector512<float> d = Vector512<float>.One + Vector512.Abs(x);
            return dy / (d * d);
        }
    }

    // u = n(n + 2) with n = e^min(x, 20): tanh(softplus(x)) = u / (u + 2).
    private const float MishCap = 20f;

    private readonly struct MishForward : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x)
        {
            float n = MathF.Exp(MathF.Min(x, MishCap)), u = n * (n + 2f);
            return x * (u / (u + 2f));
        }

        public Vector256<float> Invoke(Vector256<float> x)
        {
            Vector256<float> n = Vector256.Exp(Vector256.Min(x, Vector256.Create(MishCap))), u = n * (n + Vector256.Create(2f));
            return x * (u / (u + Vector256.Create(2f)));
        }

        public Vector512<float> Invoke(Vector512<float> x)
        {
            Vector512<float> n = Vector512.Exp(Vector512.Min(x, Vector512.Create(MishCap))), u = n * (n + Vector512.Create(2f));
            return x * (u / (u + Vector512.Create(2f)));
        }
    }

    private readonly struct MishGradient : SimdKernels.IBinaryOperator
    {
        public float Invoke(float x, float dy)
        {
            float n = MathF.Exp(MathF.Min(x, MishCap)), u = n * (n + 2f), d = u + 2f;
            return dy * (u / d + x * Sigmoid(x) * (4f * (u + 1f) / (d * d)));
        }

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy)
        {
            Vector256<float> n = Vector256.Exp(Vector256.Min(x, Vector256.Create(MishCap))), u = n * (n + Vector256.Create(2f)), d = u + Vector256.Create(2f);
            return dy * (u / d + x * Sigmoid(x) * ((u + Vector256<float>.One) * 4f / (d * d)));
        }

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy)
        {
            Vector512<float> n = Vector512.Exp(Vector512.Min(x, Vector512.Create(MishCap))), u = n * (n + Vector512.Create(2f)), d = u + Vector512.Create(2f);
            return dy * (u / d + x * Sigmoid(x) * ((u + Vector512<float>.One) * 4f / (d * d)));
        }
    }

    private readonly struct SwishForward(float beta) : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => x * Sigmoid(beta * x);

        public Vector256<float> Invoke(Vector256<float> x) => x * Sigmoid(x * beta);

        public Vector512<float> Invoke(Vector512<float> x) => x * Sigmoid(x * beta);
    }

    private readonly struct SwishGradient(float beta) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float x, float dy)
        {
            float s = Sigmoid(beta * x);
            return dy * s * (1f + beta * x * (1f - s));
        }

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy)
        {
            Vector256<float> bx = x * beta, s = Sigmoid(bx);
            return dy * s * (Vector256<float>.One + bx * (Vector256<float>.One - s));
        }

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy)
        {
            Vector512<float> bx = x * beta, s = Sigmoid(bx);
            return dy * s * (Vector512<float>.One + bx * (Vector512<float>.One - s));
        }
    }

    private readonly struct LogSoftmaxGradient(float total) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float y, float dy) => dy - MathF.Exp(y) * total;

        public Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy) => dy - Vector256.Exp(y) * total;

        public Vector512<float> Invoke(Vector512<float> y, Vector512<float> dy) => dy - Vector512.Exp(y) * total;
    }

    // x·dy where x ≤ 0, else 0: the slope's share of PReLU's gradient.
    private readonly struct NonPositiveProduct : SimdKernels.IBinaryOperator
    {
        public float Invoke(float x, float dy) => x > 0 ? 0f : x * dy;

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy) => Vector256.LessThanOrEqual(x, Vector256<float>.Zero) & (x * dy);

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy) => Vector512.LessThanOrEqual(x, Vector512<float>.Zero) & (x * dy);
    }
}
