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

    /// <summary>y = x·σ(x) (SiLU, swish).</summary>
    public static void Silu(ReadOnlySpan<float> x, Span<float> y)
        => SimdKernels.Map(x, y, new SiluForward());

    /// <summary>dx = dy·σ(x)·(1 + x·(1 − σ(x))).</summary>
    public static void SiluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
        => SimdKernels.Map(x, dy, dx, new SiluGradient());

    /// <summary>
    /// Row-wise softmax of a row-major matrix with <paramref name="columns"/> columns:
    /// y = e^(x − max x) / Σ e^(x − max x) per row, so large logits never overflow.
    /// </summary>
    public static void Softmax(ReadOnlySpan<float> x, Span<float> y, int columns)
    {
        int rows = RowCount(x.Length, columns);
        SimdKernels.CheckLengths(x.Length, y.Length, nameof(y));
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> xr = x.Slice(r * columns, columns);
            Span<float> yr = y.Slice(r * columns, columns);
            float max = TensorPrimitives.Max(xr);
            TensorPrimitives.Subtract(xr, max, yr);
            TensorPrimitives.Exp(yr, yr);
            TensorPrimitives.Multiply(yr, 1f / TensorPrimitives.Sum(yr), yr);
        }
    }

    /// <summary>Row-wise softmax backward from its output y: dx = y·(dy − Σⱼ dyⱼ·yⱼ) per row.</summary>
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

    private readonly struct SiluForward : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => x * Sigmoid(x);

        public Vector256<float> Invoke(Vector256<float> x) => x * Sigmoid(x);

        public Vector512<float> Invoke(Vector512<float> x) => x * Sigmoid(x);
    }

    private readonly struct SiluGradient : SimdKernels.IBinaryOperator
    {
        public float Invoke(float x, float dy)
        {
            float s = Sigmoid(x);
            return dy * s * (1f + x * (1f - s));
        }

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy)
        {
            Vector256<float> s = Sigmoid(x);
            return dy * s * (Vector256<float>.One + x * (Vector256<float>.One - s));
        }

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy)
        {
            Vector512<float> s = Sigmoid(x);
            return dy * s * (Vector512<float>.One + x * (Vector512<float>.One - s));
        }
    }
}
