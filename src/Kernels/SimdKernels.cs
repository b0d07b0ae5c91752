using NeuralNet.Kernels.Threading;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// Drivers that run an element-wise operator over spans at the widest hardware vector width (512 bits, else
/// 256 bits), finishing with a scalar tail: the loops behind the activation, loss and optimizer kernels whose
/// formula no single <see cref="System.Numerics.Tensors.TensorPrimitives"/> call covers.
/// </summary>
/// <remarks>
/// Operators are structs (fields hold scalars such as a learning rate), so the JIT specialises and inlines each
/// driver per operator: no delegate or virtual call per element. Every span is read and written at the same
/// index only, so an output may be the same span as an input.
/// </remarks>
internal static class SimdKernels
{
    /// <summary>y = f(x).</summary>
    internal interface IUnaryOperator
    {
        float Invoke(float x);

        Vector256<float> Invoke(Vector256<float> x);

        Vector512<float> Invoke(Vector512<float> x);
    }

    /// <summary>z = f(x, y).</summary>
    internal interface IBinaryOperator
    {
        float Invoke(float x, float y);

        Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);

        Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
    }

    /// <summary>w = f(x, y, z).</summary>
    internal interface ITernaryOperator
    {
        float Invoke(float x, float y, float z);

        Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z);

        Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z);
    }

    /// <summary>Updates a value and one state element in place from a gradient: (w, s) = f(w, g, s).</summary>
    internal interface IUpdate1Operator
    {
        void Invoke(ref float w, float g, ref float s);

        void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s);

        void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s);
    }

    /// <summary>Updates a value and two state elements in place from a gradient: (w, s1, s2) = f(w, g, s1, s2).</summary>
    internal interface IUpdate2Operator
    {
        void Invoke(ref float w, float g, ref float s1, ref float s2);

        void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s1, ref Vector256<float> s2);

        void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s1, ref Vector512<float> s2);
    }

    /// <summary>The smallest normal float. Below it, x86 arithmetic on (denormal) values is ~15x slower.</summary>
    public const float MinNormal = 1.17549435E-38f;

    /// <summary>
    /// <paramref name="x"/>, with magnitudes below <see cref="MinNormal"/> set to 0. Optimizer state that decays
    /// geometrically (Adam's moments for a weight whose gradient is always 0, such as a weight from an always-blank
    /// pixel) would otherwise sink into denormals and slow every step; .NET offers no flush-to-zero mode.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FlushDenormal(float x) => MathF.Abs(x) < MinNormal ? 0f : x;

    /// <inheritdoc cref="FlushDenormal(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FlushDenormal(Vector256<float> x)
        => Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(Vector256.Abs(x), Vector256.Create(MinNormal)), x, Vector256<float>.Zero);

    /// <inheritdoc cref="FlushDenormal(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FlushDenormal(Vector512<float> x)
        => Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512.Abs(x), Vector512.Create(MinNormal)), x, Vector512<float>.Zero);

    /// <summary>Elements from which a map is split over the kernel threads: below it the hand-off costs more than it saves.</summary>
    public const int ParallelThreshold = 1 << 16;

    private const int MapBlock = 4096;

    /// <summary>destination[i] = op(x[i]); large spans are split over threads by element ranges (the result does not depend on the split).</summary>
    public static void Map<TOp>(ReadOnlySpan<float> x, Span<float> destination, TOp op) where TOp : struct, IUnaryOperator
    {
        CheckLengths(x.Length, destination.Length, nameof(destination));
        if (x.Length < ParallelThreshold)
        {
            MapRange(x, destination, op);
            return;
        }
        unsafe
        {
            fixed (float* px = x, pd = destination)
                ParallelRange.Run(new Map1Body<TOp>(px, pd, x.Length, op), (x.Length + MapBlock - 1) / MapBlock, MapBlock);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MapRange<TOp>(ReadOnlySpan<float> x, Span<float> destination, TOp op) where TOp : struct, IUnaryOperator
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float pd = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
                op.Invoke(Vector512.LoadUnsafe(ref px, i)).StoreUnsafe(ref pd, i);
        if (Vector256.IsHardwareAccelerated)
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
                op.Invoke(Vector256.LoadUnsafe(ref px, i)).StoreUnsafe(ref pd, i);
        for (; i < n; i++)
            Unsafe.Add(ref pd, i) = op.Invoke(Unsafe.Add(ref px, i));
    }

    /// <summary>destination[i] = op(x[i], y[i]); large spans are split over threads by element ranges.</summary>
    public static void Map<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination, TOp op) where TOp : struct, IBinaryOperator
    {
        CheckLengths(x.Length, y.Length, nameof(y));
        CheckLengths(x.Length, destination.Length, nameof(destination));
        if (x.Length < ParallelThreshold)
        {
            MapRange(x, y, destination, op);
            return;
        }
        unsafe
        {
            fixed (float* px = x, py = y, pd = destination)
                ParallelRange.Run(new Map2Body<TOp>(px, py, pd, x.Length, op), (x.Length + MapBlock - 1) / MapBlock, MapBlock);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MapRange<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination, TOp op) where TOp : struct, IBinaryOperator
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        ref float pd = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
                op.Invoke(Vector512.LoadUnsafe(ref px, i), Vector512.LoadUnsafe(ref py, i)).StoreUnsafe(ref pd, i);
        if (Vector256.IsHardwareAccelerated)
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
                op.Invoke(Vector256.LoadUnsafe(ref px, i), Vector256.LoadUnsafe(ref py, i)).StoreUnsafe(ref pd, i);
        for (; i < n; i++)
            Unsafe.Add(ref pd, i) = op.Invoke(Unsafe.Add(ref px, i), Unsafe.Add(ref py, i));
    }

    /// <summary>destination[i] = op(x[i], y[i], z[i]); large spans are split over threads by element ranges.</summary>
    public static void Map<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> destination, TOp op)
        where TOp : struct, ITernaryOperator
    {
        CheckLengths(x.Length, y.Length, nameof(y));
        CheckLengths(x.Length, z.Length, nameof(z));
        CheckLengths(x.Length, destination.Length, nameof(destination));
        if (x.Length < ParallelThreshold)
        {
            MapRange(x, y, z, destination, op);
            return;
        }
        unsafe
        {
            fixed (float* px = x, py = y, pz = z, pd = destination)
                ParallelRange.Run(new Map3Body<TOp>(px, py, pz, pd, x.Length, op), (x.Length + MapBlock - 1) / MapBlock, MapBlock);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MapRange<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> destination, TOp op)
        where TOp : struct, ITernaryOperator
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        ref float pz = ref MemoryMarshal.GetReference(z);
        ref float pd = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
                op.Invoke(Vector512.LoadUnsafe(ref px, i), Vector512.LoadUnsafe(ref py, i), Vector512.LoadUnsafe(ref pz, i)).StoreUnsafe(ref pd, i);
        if (Vector256.IsHardwareAccelerated)
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
                op.Invoke(Vector256.LoadUnsafe(ref px, i), Vector256.LoadUnsafe(ref py, i), Vector256.LoadUnsafe(ref pz, i)).StoreUnsafe(ref pd, i);
        for (; i < n; i++)
            Unsafe.Add(ref pd, i) = op.Invoke(Unsafe.Add(ref px, i), Unsafe.Add(ref py, i), Unsafe.Add(ref pz, i));
    }

    /// <summary>Σ op(x[i]), accumulated in vector lanes and summed at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Sum<TOp>(ReadOnlySpan<float> x, TOp op) where TOp : struct, IUnaryOperator
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        nuint n = (nuint)x.Length, i = 0;
        float total = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
                acc += op.Invoke(Vector512.LoadUnsafe(ref px, i));
            total += Vector512.Sum(acc);
        }
        if (Vector256.IsHardwareAccelerated && n - i >= (nuint)Vector256<float>.Count)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
                acc += op.Invoke(Vector256.LoadUnsafe(ref px, i));
            total += Vector256.Sum(acc);
        }
        for (; i < n; i++)
            total += op.Invoke(Unsafe.Add(ref px, i));
        return total;
    }

    /// <summary>Σ op(x[i], y[i]), accumulated in vector lanes and summed at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Sum<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, TOp op) where TOp : struct, IBinaryOperator
    {
        CheckLengths(x.Length, y.Length, nameof(y));
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)x.Length, i = 0;
        float total = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
                acc += op.Invoke(Vector512.LoadUnsafe(ref px, i), Vector512.LoadUnsafe(ref py, i));
            total += Vector512.Sum(acc);
        }
        if (Vector256.IsHardwareAccelerated && n - i >= (nuint)Vector256<float>.Count)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
                acc += op.Invoke(Vector256.LoadUnsafe(ref px, i), Vector256.LoadUnsafe(ref py, i));
            total += Vector256.Sum(acc);
        }
        for (; i < n; i++)
            total += op.Invoke(Unsafe.Add(ref px, i), Unsafe.Add(ref py, i));
        return total;
    }

    /// <summary>For each i: (w[i], s[i]) = op(w[i], g[i], s[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Update<TOp>(Span<float> w, ReadOnlySpan<float> g, Span<float> s, TOp op) where TOp : struct, IUpdate1Operator
    {
        CheckLengths(w.Length, g.Length, nameof(g));
        CheckLengths(w.Length, s.Length, nameof(s));
        ref float pw = ref MemoryMarshal.GetReference(w);
        ref float pg = ref MemoryMarshal.GetReference(g);
        ref float ps = ref MemoryMarshal.GetReference(s);
        nuint n = (nuint)w.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> vw = Vector512.LoadUnsafe(ref pw, i), vs = Vector512.LoadUnsafe(ref ps, i);
                op.Invoke(ref vw, Vector512.LoadUnsafe(ref pg, i), ref vs);
                vw.StoreUnsafe(ref pw, i);
                vs.StoreUnsafe(ref ps, i);
            }
        if (Vector256.IsHardwareAccelerated)
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
            {
                Vector256<float> vw = Vector256.LoadUnsafe(ref pw, i), vs = Vector256.LoadUnsafe(ref ps, i);
                op.Invoke(ref vw, Vector256.LoadUnsafe(ref pg, i), ref vs);
                vw.StoreUnsafe(ref pw, i);
                vs.StoreUnsafe(ref ps, i);
            }
        for (; i < n; i++)
            op.Invoke(ref Unsafe.Add(ref pw, i), Unsafe.Add(ref pg, i), ref Unsafe.Add(ref ps, i));
    }

    /// <summary>For each i: (w[i], s1[i], s2[i]) = op(w[i], g[i], s1[i], s2[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Update<TOp>(Span<float> w, ReadOnlySpan<float> g, Span<float> s1, Span<float> s2, TOp op) where TOp : struct, IUpdate2Operator
    {
        CheckLengths(w.Length, g.Length, nameof(g));
        CheckLengths(w.Length, s1.Length, nameof(s1));
        CheckLengths(w.Length, s2.Length, nameof(s2));
        ref float pw = ref MemoryMarshal.GetReference(w);
        ref float pg = ref MemoryMarshal.GetReference(g);
        ref float p1 = ref MemoryMarshal.GetReference(s1);
        ref float p2 = ref MemoryMarshal.GetReference(s2);
        nuint n = (nuint)w.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> vw = Vector512.LoadUnsafe(ref pw, i), v1 = Vector512.LoadUnsafe(ref p1, i), v2 = Vector512.LoadUnsafe(ref p2, i);
                op.Invoke(ref vw, Vector512.LoadUnsafe(ref pg, i), ref v1, ref v2);
                vw.StoreUnsafe(ref pw, i);
                v1.StoreUnsafe(ref p1, i);
                v2.StoreUnsafe(ref p2, i);
            }
        if (Vector256.IsHardwareAccelerated)
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
            {
                Vector256<float> vw = Vector256.LoadUnsafe(ref pw, i), v1 = Vector256.LoadUnsafe(ref p1, i), v2 = Vector256.LoadUnsafe(ref p2, i);
                op.Invoke(ref vw, Vector256.LoadUnsafe(ref pg, i), ref v1, ref v2);
                vw.StoreUnsafe(ref pw, i);
                v1.StoreUnsafe(ref p1, i);
                v2.StoreUnsafe(ref p2, i);
            }
        for (; i < n; i++)
            op.Invoke(ref Unsafe.Add(ref pw, i), Unsafe.Add(ref pg, i), ref Unsafe.Add(ref p1, i), ref Unsafe.Add(ref p2, i));
    }

    /// <summary>Throws when a span's length differs from the first operand's.</summary>
    public static void CheckLengths(int expected, int actual, string name)
    {
        if (expected != actual)
            throw new ArgumentException($"Span '{name}' has {actual} elements; the first operand has {expected}.", name);
    }

    private readonly unsafe struct Map1Body<TOp>(float* x, float* d, int n, TOp op) : IRangeBody where TOp : struct, IUnaryOperator
    {
        private readonly float* _x = x, _d = d;
        private readonly int _n = n;
        private readonly TOp _op = op;

        public void Run(int start, int end)
        {
            int first = start * MapBlock, length = Math.Min(end * MapBlock, _n) - first;
            MapRange(new ReadOnlySpan<float>(_x + first, length), new Span<float>(_d + first, length), _op);
        }
    }

    private readonly unsafe struct Map2Body<TOp>(float* x, float* y, float* d, int n, TOp op) : IRangeBody where TOp : struct, IBinaryOperator
    {
        private readonly float* _x = x, _y = y, _d = d;
        private readonly int _n = n;
        private readonly TOp _op = op;

        public void Run(int start, int end)
        {
            int first = start * MapBlock, length = Math.Min(end * MapBlock, _n) - first;
            MapRange(new ReadOnlySpan<float>(_x + first, length), new ReadOnlySpan<float>(_y + first, length), new Span<float>(_d + first, length), _op);
        }
    }

    private readonly unsafe struct Map3Body<TOp>(float* x, float* y, float* z, float* d, int n, TOp op) : IRangeBody where TOp : struct, ITernaryOperator
    {
        private readonly float* _x = x, _y = y, _z = z, _d = d;
        private readonly int _n = n;
        private readonly TOp _op = op;

        public void Run(int start, int end)
        {
            int first = start * MapBlock, length = Math.Min(end * MapBlock, _n) - first;
            MapRange(new ReadOnlySpan<float>(_x + first, length), new ReadOnlySpan<float>(_y + first, length),
                new ReadOnlySpan<float>(_z + first, length), new Span<float>(_d + first, length), _op);
        }
    }
}
