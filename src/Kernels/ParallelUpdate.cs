using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels;

/// <summary>
/// Runs an element-wise optimizer update over large parameters on several threads. An optimizer step streams
/// several arrays through memory once and is bandwidth-bound, so both cores help. Elements are independent, so the
/// result is the same for any split; the split depends only on the length and <see cref="KernelSettings.MaxThreads"/>.
/// </summary>
internal static unsafe class ParallelUpdate
{
    /// <summary>Elements below which one thread does the whole update (the hand-off would cost more).</summary>
    public const int MinimumPerPart = 32 * 1024;

    public static void Run<TOp>(Span<float> w, ReadOnlySpan<float> g, Span<float> s, TOp op) where TOp : struct, SimdKernels.IUpdate1Operator
    {
        int parts = Parts(w.Length);
        if (parts <= 1)
        {
            SimdKernels.Update(w, g, s, op);
            return;
        }
        if (g.Length != w.Length || s.Length != w.Length)
            throw new ArgumentException($"Optimizer update: weights hold {w.Length} values, gradient {g.Length}, state {s.Length}.");
        fixed (float* pw = w, pg = g, ps = s)
        {
            var job = Update1Job<TOp>.Cached ??= new Update1Job<TOp>();
            job.Set(pw, pg, ps, w.Length, parts, op);
            WorkerPool.Shared.Run(job, parts);
        }
    }

    public static void Run<TOp>(Span<float> w, ReadOnlySpan<float> g, Span<float> s1, Span<float> s2, TOp op) where TOp : struct, SimdKernels.IUpdate2Operator
    {
        int parts = Parts(w.Length);
        if (parts <= 1)
        {
            SimdKernels.Update(w, g, s1, s2, op);
            return;
        }
        if (g.Length != w.Length || s1.Length != w.Length || s2.Length != w.Length)
            throw new ArgumentException($"Optimizer update: weights hold {w.Length} values, gradient {g.Length}, states {s1.Length} and {s2.Length}.");
        fixed (float* pw = w, pg = g, p1 = s1, p2 = s2)
        {
            var job = Update2Job<TOp>.Cached ??= new Update2Job<TOp>();
            job.Set(pw, pg, p1, p2, w.Length, parts, op);
            WorkerPool.Shared.Run(job, parts);
        }
    }

    private static int Parts(int length) => Math.Clamp(length / MinimumPerPart, 1, KernelSettings.MaxThreads);

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> over <paramref name="length"/> elements, boundaries on 64-byte lines.</summary>
    private static (int Start, int Length) Range(int part, int parts, int length)
    {
        int chunk = (length / parts + 15) & ~15;
        int start = Math.Min(length, part * chunk);
        int end = part == parts - 1 ? length : Math.Min(length, start + chunk);
        return (start, end - start);
    }

    // One cached job per operator type and calling thread: no allocation per step. Pointers are valid only inside Run,
    // which returns after every part has finished, while the spans are pinned.
    private sealed class Update1Job<TOp> : IParallelWork where TOp : struct, SimdKernels.IUpdate1Operator
    {
        [ThreadStatic] public static Update1Job<TOp>? Cached;
        private float* _w, _g, _s;
        private int _length, _parts;
        private TOp _op;

        public void Set(float* w, float* g, float* s, int length, int parts, TOp op)
        {
            _w = w; _g = g; _s = s;
            _length = length; _parts = parts; _op = op;
        }

        public void Execute(int part)
        {
            var (start, length) = Range(part, _parts, _length);
            SimdKernels.Update(new Span<float>(_w + start, length), new ReadOnlySpan<float>(_g + start, length), new Span<float>(_s + start, length), _op);
        }
    }

    private sealed class Update2Job<TOp> : IParallelWork where TOp : struct, SimdKernels.IUpdate2Operator
    {
        [ThreadStatic] public static Update2Job<TOp>? Cached;
        private float* _w, _g, _s1, _s2;
        private int _length, _parts;
        private TOp _op;

        public void Set(float* w, float* g, float* s1, float* s2, int length, int parts, TOp op)
        {
            _w = w; _g = g; _s1 = s1; _s2 = s2;
            _length = length; _parts = parts; _op = op;
        }

        public void Execute(int part)
        {
            var (start, length) = Range(part, _parts, _length);
            SimdKernels.Update(new Span<float>(_w + start, length), new ReadOnlySpan<float>(_g + start, length),
                new Span<float>(_s1 + start, length), new Span<float>(_s2 + start, length), _op);
        }
    }
}
