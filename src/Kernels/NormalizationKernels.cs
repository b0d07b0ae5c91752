using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Numerics.Tensors;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels;

/// <summary>
/// Per-channel normalisation on batch-first, channel-major data: <c>batch</c> samples of
/// <c>channels</c> x <c>spatial</c> floats (<c>[B, C, H·W]</c>; a batch of feature vectors is <c>spatial</c> = 1).
/// Channel c's statistics run over every sample and every spatial position: N = batch · spatial values.
/// </summary>
/// <remarks>
/// <para>Sums are accumulated in double, each channel's by one thread in a fixed order (sample by sample, position by
/// position), so results are bitwise identical for every <see cref="KernelSettings.MaxThreads"/>: threads split the
/// channels, never one channel's sum. Work below <see cref="MinimumPerPart"/> elements per thread runs on the caller.</para>
/// <para>Empty <c>gamma</c>/<c>beta</c> spans mean no affine transform (γ = 1, β = 0).</para>
/// </remarks>
public static unsafe class NormalizationKernels
{
    /// <summary>Elements below which one thread does the whole call.</summary>
    public const int MinimumPerPart = 32 * 1024;

    // Channels whose double accumulators live on the stack at once (the loop runs sample-major within a block).
    private const int Block = 64;

    /// <summary>
    /// Mean and biased variance (Σ(x − mean)² / N, two passes) of each channel.
    /// </summary>
    public static void MeanVariance(ReadOnlySpan<float> x, int batch, int channels, int spatial, Span<float> mean, Span<float> variance)
    {
        Check(x, batch, channels, spatial, "MeanVariance", "x");
        CheckChannels(mean, channels, "MeanVariance", "mean");
        CheckChannels(variance, channels, "MeanVariance", "variance");
        fixed (float* px = x, pm = mean, pv = variance)
        {
            ForChannels(new MeanVarianceOp { X = px, Batch = batch, Channels = channels, Spatial = spatial, Mean = pm, Variance = pv },
                channels, (long)batch * channels * spatial);
        }
    }

    /// <summary>
    /// y = (x − mean[c]) · invStd[c] · γ[c] + β[c], then, when <paramref name="activation"/> is given, y = activation(y):
    /// an element-wise activation applied to each plane (or, for short planes, each sample's run of channels) right
    /// after it is written, while it is in cache.
    /// </summary>
    public static void Normalize(ReadOnlySpan<float> x, int batch, int channels, int spatial, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y, InPlaceMap? activation = null)
    {
        Check(x, batch, channels, spatial, "Normalize", "x");
        Check(y, batch, channels, spatial, "Normalize", "y");
        CheckChannels(mean, channels, "Normalize", "mean");
        CheckChannels(invStd, channels, "Normalize", "invStd");
        CheckAffine(gamma, beta, channels, "Normalize");
        fixed (float* px = x, pm = mean, ps = invStd, pg = gamma, pb = beta, py = y)
        {
            ForChannels(new NormalizeOp
            {
                X = px, Batch = batch, Channels = channels, Spatial = spatial, Mean = pm, InvStd = ps,
                Gamma = gamma.IsEmpty ? null : pg, Beta = beta.IsEmpty ? null : pb, Y = py, Activation = activation,
            }, channels, (long)batch * channels * spatial);
        }
    }

    /// <summary>
    /// The backward reductions: sumDy[c] = Σ dy (= dβ) and sumDyXhat[c] = Σ dy · x̂ with x̂ = (x − mean[c]) · invStd[c] (= dγ).
    /// </summary>
    public static void BackwardReductions(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int batch, int channels, int spatial,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd, Span<float> sumDy, Span<float> sumDyXhat)
    {
        fixed (float* pd = dy)
            Reductions(x, pd, dy.Length, batch, channels, spatial, mean, invStd, sumDy, sumDyXhat, ReadOnlySpan<float>.Empty, null);
    }

    /// <summary>
    /// The backward reductions after an element-wise activation that was applied to the output <paramref name="y"/>:
    /// each plane of <paramref name="dy"/> is first scaled in place by the activation's derivative
    /// (<paramref name="derivative"/>, from y), then reduced while in cache, so dy leaves holding the gradient before the
    /// activation, which is what <see cref="BackwardInput"/> then takes.
    /// </summary>
    public static void BackwardReductionsThroughActivation(ReadOnlySpan<float> x, Span<float> dy, ReadOnlySpan<float> y, GradientScale derivative,
        int batch, int channels, int spatial, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd, Span<float> sumDy, Span<float> sumDyXhat)
    {
        ArgumentNullException.ThrowIfNull(derivative);
        Check(y, batch, channels, spatial, "BackwardReductions", "y");
        fixed (float* pd = dy)
            Reductions(x, pd, dy.Length, batch, channels, spatial, mean, invStd, sumDy, sumDyXhat, y, derivative);
    }

    private static void Reductions(ReadOnlySpan<float> x, float* pd, int dyLength, int batch, int channels, int spatial,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd, Span<float> sumDy, Span<float> sumDyXhat, ReadOnlySpan<float> y, GradientScale? derivative)
    {
        ReadOnlySpan<float> dy = new(pd, dyLength);
        Check(x, batch, channels, spatial, "BackwardReductions", "x");
        Check(dy, batch, channels, spatial, "BackwardReductions", "dy");
        CheckChannels(mean, channels, "BackwardReductions", "mean");
        CheckChannels(invStd, channels, "BackwardReductions", "invStd");
        CheckChannels(sumDy, channels, "BackwardReductions", "sumDy");
        CheckChannels(sumDyXhat, channels, "BackwardReductions", "sumDyXhat");
        fixed (float* px = x, pm = mean, ps = invStd, p1 = sumDy, p2 = sumDyXhat, py = y)
        {
            ForChannels(new ReductionsOp
            {
                X = px, Dy = pd, Batch = batch, Channels = channels, Spatial = spatial, Mean = pm, InvStd = ps, SumDy = p1, SumDyXhat = p2,
                Y = py, Derivative = derivative,
            }, channels, 2L * batch * channels * spatial);
        }
    }

    /// <summary>
    /// d(loss)/dx from the reductions of <see cref="BackwardReductions"/>. With batch statistics (training), the mean
    /// and variance depend on x: dx = γ · invStd · (dy − sumDy / N − x̂ · sumDyXhat / N). Without (running statistics,
    /// evaluation), they are constants: dx = γ · invStd · dy.
    /// </summary>
    public static void BackwardInput(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int batch, int channels, int spatial,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd, ReadOnlySpan<float> gamma, ReadOnlySpan<float> sumDy, ReadOnlySpan<float> sumDyXhat,
        bool batchStatistics, Span<float> dx)
    {
        Check(x, batch, channels, spatial, "BackwardInput", "x");
        Check(dy, batch, channels, spatial, "BackwardInput", "dy");
        Check(dx, batch, channels, spatial, "BackwardInput", "dx");
        CheckChannels(mean, channels, "BackwardInput", "mean");
        CheckChannels(invStd, channels, "BackwardInput", "invStd");
        CheckChannels(sumDy, channels, "BackwardInput", "sumDy");
        CheckChannels(sumDyXhat, channels, "BackwardInput", "sumDyXhat");
        CheckAffine(gamma, ReadOnlySpan<float>.Empty, channels, "BackwardInput");
        fixed (float* px = x, pd = dy, pm = mean, ps = invStd, pg = gamma, p1 = sumDy, p2 = sumDyXhat, pdx = dx)
        {
            ForChannels(new InputGradientOp
            {
                X = px, Dy = pd, Batch = batch, Channels = channels, Spatial = spatial, Mean = pm, InvStd = ps,
                Gamma = gamma.IsEmpty ? null : pg, SumDy = p1, SumDyXhat = p2, BatchStatistics = batchStatistics, Dx = pdx,
            }, channels, 2L * batch * channels * spatial);
        }
    }

    /// <summary>Smallest plane (H·W) the plane-fused kernels take: planes this long are normalised with vector
    /// arithmetic in <see cref="Normalize"/>, which the fused kernels repeat exactly.</summary>
    public const int PlaneMinimum = Wide;

    /// <summary>
    /// <see cref="Normalize"/> (with its activation) followed by a per-plane layer: each plane of y is computed into a
    /// per-thread buffer (a run of consecutive planes at a time), the activation applied, and <paramref name="next"/>
    /// maps the run into its planes of <paramref name="output"/> (plane p at <c>p·nextPlane</c>), so y itself is never
    /// written to memory.
    /// </summary>
    /// <remarks>Bitwise the same output as <see cref="Normalize"/> then the plane layer. Needs spatial ≥
    /// <see cref="PlaneMinimum"/>. <paramref name="next"/> is called for runs of planes, from several threads.</remarks>
    public static void NormalizePlanes(ReadOnlySpan<float> x, int batch, int channels, int spatial, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, InPlaceMap? activation, PlaneForward next, int nextPlane, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(next);
        Check(x, batch, channels, spatial, "NormalizePlanes", "x");
        CheckPlanes(spatial, nextPlane, "NormalizePlanes");
        if (output.Length != (long)batch * channels * nextPlane)
            throw new ArgumentException($"NormalizePlanes: output holds {output.Length} floats; {batch} x {channels} planes of {nextPlane} need {(long)batch * channels * nextPlane}.");
        CheckChannels(mean, channels, "NormalizePlanes", "mean");
        CheckChannels(invStd, channels, "NormalizePlanes", "invStd");
        CheckAffine(gamma, beta, channels, "NormalizePlanes");
        fixed (float* px = x, pm = mean, ps = invStd, pg = gamma, pb = beta, po = output)
        {
            ForChannels(new PlanesForwardOp
            {
                Plane = new PlaneSource
                {
                    X = px, Channels = channels, Spatial = spatial, Mean = pm, InvStd = ps, Gamma = gamma.IsEmpty ? null : pg,
                    Beta = beta.IsEmpty ? null : pb, Activation = activation,
                },
                Batch = batch, Next = next, NextPlane = nextPlane, Output = po,
            }, channels, (long)batch * channels * spatial);
        }
    }

    /// <summary>
    /// <see cref="BackwardReductions"/> (through the activation, when given) for a batch-norm output that went through
    /// a per-plane layer: each plane's gradient dy is rebuilt in a per-thread buffer from the plane layer's output
    /// gradient <paramref name="nextGradient"/> (<paramref name="next"/>), scaled by the activation's derivative at
    /// the recomputed y, and reduced; nothing full-size is written.
    /// </summary>
    /// <remarks>Bitwise the same sums as the plane layer's backward pass, then
    /// <see cref="BackwardReductionsThroughActivation"/>. gamma and beta must be those of the forward pass. When
    /// <paramref name="gradient"/> is not empty each rebuilt plane is written there instead ([B, C, H, W]): dy for
    /// <see cref="BackwardInput"/>, which may then write dx over it.</remarks>
    public static void BackwardReductionsThroughPlanes(ReadOnlySpan<float> x, ReadOnlySpan<float> nextGradient, int nextPlane, PlaneBackward next,
        InPlaceMap? activation, GradientScale? derivative, int batch, int channels, int spatial, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> sumDy, Span<float> sumDyXhat, Span<float> gradient)
    {
        if (!gradient.IsEmpty) Check(gradient, batch, channels, spatial, "BackwardReductionsThroughPlanes", "gradient");
        CheckPlaneBackward(x, nextGradient, nextPlane, next, activation, derivative, batch, channels, spatial, mean, invStd, gamma, beta, "BackwardReductionsThroughPlanes");
        CheckChannels(sumDy, channels, "BackwardReductionsThroughPlanes", "sumDy");
        CheckChannels(sumDyXhat, channels, "BackwardReductionsThroughPlanes", "sumDyXhat");
        fixed (float* px = x, pn = nextGradient, pm = mean, ps = invStd, pg = gamma, pb = beta, p1 = sumDy, p2 = sumDyXhat, pgr = gradient)
        {
            ForChannels(new PlanesReductionsOp
            {
                Plane = new PlaneSource
                {
                    X = px, Channels = channels, Spatial = spatial, Mean = pm, InvStd = ps, Gamma = gamma.IsEmpty ? null : pg,
                    Beta = beta.IsEmpty ? null : pb, Activation = activation, Derivative = derivative, NextGradient = pn, NextPlane = nextPlane, Next = next,
                },
                Batch = batch, SumDy = p1, SumDyXhat = p2, Gradient = gradient.IsEmpty ? null : pgr,
            }, channels, 2L * batch * channels * spatial);
        }
    }

    private static void CheckPlanes(int spatial, int nextPlane, string kernel)
    {
        if (spatial < PlaneMinimum)
            throw new ArgumentException($"{kernel}: planes of {spatial} floats are shorter than the {PlaneMinimum} the plane-fused kernels take.");
        if (nextPlane < 1)
            throw new ArgumentException($"{kernel}: the next layer's planes must hold at least one float, not {nextPlane}.");
    }

    private static void CheckPlaneBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> nextGradient, int nextPlane, PlaneBackward next,
        InPlaceMap? activation, GradientScale? derivative, int batch, int channels, int spatial, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, string kernel)
    {
        ArgumentNullException.ThrowIfNull(next);
        if ((activation is null) != (derivative is null))
            throw new ArgumentException($"{kernel}: an activation and its derivative go together; got only one of them.");
        Check(x, batch, channels, spatial, kernel, "x");
        CheckPlanes(spatial, nextPlane, kernel);
        if (nextGradient.Length != (long)batch * channels * nextPlane)
            throw new ArgumentException($"{kernel}: nextGradient holds {nextGradient.Length} floats; {batch} x {channels} planes of {nextPlane} need {(long)batch * channels * nextPlane}.");
        CheckChannels(mean, channels, kernel, "mean");
        CheckChannels(invStd, channels, kernel, "invStd");
        CheckAffine(gamma, beta, channels, kernel);
    }

    /// <summary>How many threads a call over <paramref name="elements"/> in <paramref name="channels"/> channels uses.</summary>
    internal static int Parts(int channels, long elements)
        => (int)Math.Clamp(elements / MinimumPerPart, 1, Math.Min(KernelSettings.MaxThreads, channels));

    private static void ForChannels<TOp>(TOp op, int channels, long elements) where TOp : struct, IChannelRange
    {
        int parts = channels == 0 ? 1 : Parts(channels, elements);
        if (parts <= 1)
        {
            op.Run(0, channels);
            return;
        }
        // One cached job per operation type and calling thread: no allocation per call. The pointers inside op are
        // valid only while the caller's spans are pinned, i.e. until Run returns (after every part has finished).
        var job = ChannelJob<TOp>.Cached ??= new ChannelJob<TOp>();
        job.Set(op, channels, parts);
        WorkerPool.Shared.Run(job, parts);
    }

    private static void Check(ReadOnlySpan<float> data, int batch, int channels, int spatial, string kernel, string name)
    {
        if (batch < 0 || channels < 0 || spatial < 1)
            throw new ArgumentException($"{kernel}: invalid sizes batch {batch}, channels {channels}, spatial {spatial}.");
        if (data.Length != (long)batch * channels * spatial)
            throw new ArgumentException($"{kernel}: {name} holds {data.Length} floats; {batch} x {channels} x {spatial} needs {(long)batch * channels * spatial}.");
    }

    private static void CheckChannels(ReadOnlySpan<float> data, int channels, string kernel, string name)
    {
        if (data.Length != channels)
            throw new ArgumentException($"{kernel}: {name} holds {data.Length} floats for {channels} channels.");
    }

    private static void CheckAffine(ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, int channels, string kernel)
    {
        if (!gamma.IsEmpty) CheckChannels(gamma, channels, kernel, "gamma");
        if (!beta.IsEmpty) CheckChannels(beta, channels, kernel, "beta");
    }

    private interface IChannelRange
    {
        /// <summary>Processes channels [first, end) of every sample.</summary>
        void Run(int first, int end);
    }

    private sealed class ChannelJob<TOp> : IParallelWork where TOp : struct, IChannelRange
    {
        [ThreadStatic] public static ChannelJob<TOp>? Cached;
        private TOp _op;
        private int _channels, _parts;

        public void Set(TOp op, int channels, int parts) => (_op, _channels, _parts) = (op, channels, parts);

        public void Execute(int part)
        {
            // Contiguous channel ranges; which thread runs a range never changes what it computes.
            int first = (int)((long)_channels * part / _parts), end = (int)((long)_channels * (part + 1) / _parts);
            _op.Run(first, end);
        }
    }

    // Planes at least this long are summed with SIMD in float (a fixed order for a given length, so still
    // deterministic), then added to the channel's double accumulator; shorter ones are summed in double one by one.
    private const int Wide = 16;

    private struct MeanVarianceOp : IChannelRange
    {
        public float* X, Mean, Variance;
        public int Batch, Channels, Spatial;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Run(int first, int end)
        {
            Span<double> sum = stackalloc double[Block];
            Span<double> mean = stackalloc double[Block];
            double count = (double)Batch * Spatial;
            if (Spatial >= Wide)
            {
                RunWide(first, end, count);
                return;
            }
            for (int c0 = first; c0 < end; c0 += Block)
            {
                int n = Math.Min(Block, end - c0);
                sum.Clear();
                for (int b = 0; b < Batch; b++)
                {
                    float* row = X + ((long)b * Channels + c0) * Spatial;
                    for (int c = 0; c < n; c++)
                    {
                        float* p = row + (long)c * Spatial;
                        double s = sum[c];
                        for (int i = 0; i < Spatial; i++) s += p[i];
                        sum[c] = s;
                    }
                }
                for (int c = 0; c < n; c++)
                {
                    mean[c] = count > 0 ? sum[c] / count : 0;
                    sum[c] = 0;
                }
                for (int b = 0; b < Batch; b++)
                {
                    float* row = X + ((long)b * Channels + c0) * Spatial;
                    for (int c = 0; c < n; c++)
                    {
                        float* p = row + (long)c * Spatial;
                        double m = mean[c], s = sum[c];
                        for (int i = 0; i < Spatial; i++)
                        {
                            double d = p[i] - m;
                            s += d * d;
                        }
                        sum[c] = s;
                    }
                }
                for (int c = 0; c < n; c++)
                {
                    Mean[c0 + c] = (float)mean[c];
                    Variance[c0 + c] = count > 0 ? (float)(sum[c] / count) : 0f;
                }
            }
        }

        // One pass over memory: each plane is shifted by a per-channel pivot (the channel's first value, near its
        // mean in practice, so Σd² − (Σd)²/n does not cancel), and Σd and Σd² are accumulated together in vector lanes.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private readonly void RunWide(int first, int end, double count)
        {
            // Memory order (sample by sample, a block of channels' planes in a row): going channel by channel instead
            // jumps C·H·W floats between planes, a new page each time, and waits on memory at every plane.
            Span<double> sum = stackalloc double[Block];
            Span<double> squares = stackalloc double[Block];
            Span<float> pivots = stackalloc float[Block];
            for (int c0 = first; c0 < end; c0 += Block)
            {
                int n = Math.Min(Block, end - c0);
                sum.Clear();
                squares.Clear();
                for (int c = 0; c < n; c++) pivots[c] = X[(long)(c0 + c) * Spatial];
                for (int b = 0; b < Batch; b++)
                {
                    float* row = X + ((long)b * Channels + c0) * Spatial;
                    for (int c = 0; c < n; c++)
                    {
                        (float plane1, float plane2) = ShiftedSums(row + (long)c * Spatial, Spatial, pivots[c]);
                        sum[c] += plane1;
                        squares[c] += plane2;
                    }
                }
                for (int c = 0; c < n; c++)
                {
                    double meanShift = count > 0 ? sum[c] / count : 0;
                    Mean[c0 + c] = (float)(pivots[c] + meanShift);
                    Variance[c0 + c] = count > 0 ? (float)Math.Max(0, squares[c] / count - meanShift * meanShift) : 0f;
                }
            }
        }
    }

    /// <summary>y = (x − mean[c]) · invStd[c] · γ[c] + β[c] over one plane of at least <see cref="Wide"/> floats: the
    /// one place this arithmetic is written, so the plane-fused kernels normalise exactly as <see cref="Normalize"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NormalizeWidePlane(float* x, float* y, int spatial, int c, float* mean, float* invStd, float* gamma, float* beta)
    {
        float scale = gamma is null ? invStd[c] : invStd[c] * gamma[c];
        float shift = beta is null ? 0f : beta[c];
        SimdKernels.Map(new ReadOnlySpan<float>(x, spatial), new Span<float>(y, spatial), new AffineOp(scale, shift - mean[c] * scale));
    }

    /// <summary>A channel's running (Σ dy, Σ dy·(x − mean)) in double with one more plane added: the one place the
    /// backward reductions accumulate a wide plane, shared by the unfused and the plane-fused kernels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double SumDy, double SumDyXc) AddPlaneSums(double sumDy, double sumDyXc, float* dy, float* x, int spatial, double mean)
    {
        (float planeDy, float planeDyX) = GradientSums(dy, x, spatial);
        return (sumDy + planeDy, sumDyXc + planeDyX - mean * planeDy);
    }

    /// <summary>(Σ (x − pivot), Σ (x − pivot)²) over n floats, in a fixed order for a given n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float Sum, float SumOfSquares) ShiftedSums(float* x, int n, float pivot) => PairSums(x, x, n, pivot);

    /// <summary>(Σ dy, Σ dy·x) over n floats, in a fixed order for a given n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float SumDy, float SumDyX) GradientSums(float* dy, float* x, int n) => PairSums(dy, x, n, 0f);

    /// <summary>(Σ (a − shift), Σ (a − shift)·(b − shift)) over n floats, accumulated in vector lanes in a fixed order
    /// for a given n (a shift of 0 subtracts nothing: x − 0 is x exactly).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float Sum, float Dot) PairSums(float* a, float* b, int n, float shift)
    {
        int i = 0;
        float s1 = 0, s2 = 0;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            Vector512<float> p = Vector512.Create(shift), a1 = default, a2 = default;
            for (; i <= n - 16; i += 16)
            {
                Vector512<float> d = Vector512.Load(a + i) - p;
                a1 += d;
                a2 = Vector512.FusedMultiplyAdd(d, Vector512.Load(b + i) - p, a2);
            }
            s1 = Vector512.Sum(a1);
            s2 = Vector512.Sum(a2);
        }
        else if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<float> p = Vector256.Create(shift), a1 = default, a2 = default;
            for (; i <= n - 8; i += 8)
            {
                Vector256<float> d = Vector256.Load(a + i) - p;
                a1 += d;
                a2 = Vector256.FusedMultiplyAdd(d, Vector256.Load(b + i) - p, a2);
            }
            s1 = Vector256.Sum(a1);
            s2 = Vector256.Sum(a2);
        }
        for (; i < n; i++)
        {
            float d = a[i] - shift;
            s1 += d;
            s2 += d * (b[i] - shift);
        }
        return (s1, s2);
    }

    /// <summary>y = x·scale + shift over n floats (y may be x).</summary>
    private readonly struct AffineOp(float scale, float shift) : SimdKernels.IUnaryOperator
    {
        public float Invoke(float x) => x * scale + shift;

        public Vector256<float> Invoke(Vector256<float> x) => Vector256.FusedMultiplyAdd(x, Vector256.Create(scale), Vector256.Create(shift));

        public Vector512<float> Invoke(Vector512<float> x) => Vector512.FusedMultiplyAdd(x, Vector512.Create(scale), Vector512.Create(shift));
    }

    /// <summary>dx = dy·k + x·a + c, one pass (x is the first operand, dy the second).</summary>
    private readonly struct InputGradientMap(float k, float a, float c) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float x, float dy) => dy * k + (x * a + c);

        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy)
            => Vector256.FusedMultiplyAdd(dy, Vector256.Create(k), Vector256.FusedMultiplyAdd(x, Vector256.Create(a), Vector256.Create(c)));

        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy)
            => Vector512.FusedMultiplyAdd(dy, Vector512.Create(k), Vector512.FusedMultiplyAdd(x, Vector512.Create(a), Vector512.Create(c)));
    }

    private struct NormalizeOp : IChannelRange
    {
        public float* X, Mean, InvStd, Gamma, Beta, Y;
        public int Batch, Channels, Spatial;
        public InPlaceMap? Activation;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Run(int first, int end)
        {
            for (int b = 0; b < Batch; b++)
            {
                if (Activation is not null && Spatial < Wide)
                {
                    RunSample(b, first, end);
                    Activation(new Span<float>(Y + ((long)b * Channels + first) * Spatial, (end - first) * Spatial));
                    continue;
                }
                RunSample(b, first, end);
            }
        }

        private readonly void RunSample(int b, int first, int end)
        {
            {
                for (int c = first; c < end; c++)
                {
                    long offset = ((long)b * Channels + c) * Spatial;
                    float* x = X + offset, y = Y + offset;
                    float m = Mean[c];
                    float scale = Gamma is null ? InvStd[c] : InvStd[c] * Gamma[c];
                    float shift = Beta is null ? 0f : Beta[c];
                    if (Spatial >= Wide)
                    {
                        NormalizeWidePlane(x, y, Spatial, c, Mean, InvStd, Gamma, Beta);
                        Activation?.Invoke(new Span<float>(y, Spatial));
                        continue;
                    }
                    for (int i = 0; i < Spatial; i++) y[i] = (x[i] - m) * scale + shift;
                }
            }
        }
    }

    private struct ReductionsOp : IChannelRange
    {
        public float* X, Dy, Mean, InvStd, SumDy, SumDyXhat, Y;
        public int Batch, Channels, Spatial;
        public GradientScale? Derivative;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Run(int first, int end)
        {
            Span<double> sumDy = stackalloc double[Block];
            Span<double> sumDyXc = stackalloc double[Block];
            for (int c0 = first; c0 < end; c0 += Block)
            {
                int n = Math.Min(Block, end - c0);
                sumDy.Clear();
                sumDyXc.Clear();
                for (int b = 0; b < Batch; b++)
                {
                    long row = ((long)b * Channels + c0) * Spatial;
                    if (Derivative is not null && Spatial < Wide)
                        Derivative(new ReadOnlySpan<float>(Y + row, n * Spatial), new Span<float>(Dy + row, n * Spatial));
                    for (int c = 0; c < n; c++)
                    {
                        float* x = X + row + (long)c * Spatial, dy = Dy + row + (long)c * Spatial;
                        double m = Mean[c0 + c], s1 = sumDy[c], s2 = sumDyXc[c];
                        if (Spatial >= Wide)
                        {
                            Derivative?.Invoke(new ReadOnlySpan<float>(Y + row + (long)c * Spatial, Spatial), new Span<float>(dy, Spatial));
                            (sumDy[c], sumDyXc[c]) = AddPlaneSums(s1, s2, dy, x, Spatial, m);
                            continue;
                        }
                        for (int i = 0; i < Spatial; i++)
                        {
                            s1 += dy[i];
                            s2 += dy[i] * (x[i] - m);
                        }
                        sumDy[c] = s1;
                        sumDyXc[c] = s2;
                    }
                }
                for (int c = 0; c < n; c++)
                {
                    SumDy[c0 + c] = (float)sumDy[c];
                    SumDyXhat[c0 + c] = (float)(sumDyXc[c] * InvStd[c0 + c]);
                }
            }
        }
    }

    private struct InputGradientOp : IChannelRange
    {
        public float* X, Dy, Mean, InvStd, Gamma, SumDy, SumDyXhat, Dx;
        public int Batch, Channels, Spatial;
        public bool BatchStatistics;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Run(int first, int end)
        {
            float count = (float)((double)Batch * Spatial);
            for (int b = 0; b < Batch; b++)
            {
                for (int c = first; c < end; c++)
                {
                    long offset = ((long)b * Channels + c) * Spatial;
                    float* x = X + offset, dy = Dy + offset, dx = Dx + offset;
                    float invStd = InvStd[c];
                    float k = Gamma is null ? invStd : Gamma[c] * invStd;
                    if (!BatchStatistics)
                    {
                        if (Spatial >= Wide)
                        {
                            TensorPrimitives.Multiply(new ReadOnlySpan<float>(dy, Spatial), k, new Span<float>(dx, Spatial));
                            continue;
                        }
                        for (int i = 0; i < Spatial; i++) dx[i] = k * dy[i];
                        continue;
                    }
                    float m = Mean[c];
                    float meanDy = SumDy[c] / count;
                    float xcScale = SumDyXhat[c] / count * invStd; // x̂ · sumDyXhat / N = (x − m) · xcScale
                    if (Spatial >= Wide)
                    {
                        // dx = k·dy − k·xcScale·x + k·(xcScale·m − meanDy)
                        SimdKernels.Map(new ReadOnlySpan<float>(x, Spatial), new ReadOnlySpan<float>(dy, Spatial), new Span<float>(dx, Spatial),
                            new InputGradientMap(k, -k * xcScale, k * (xcScale * m - meanDy)));
                        continue;
                    }
                    for (int i = 0; i < Spatial; i++) dx[i] = k * (dy[i] - meanDy - (x[i] - m) * xcScale);
                }
            }
        }
    }

    // ---- plane-fused passes: one plane of y, or of dy, at a time in per-thread buffers ----------------------------

    [ThreadStatic] private static float[]? t_planeY;
    [ThreadStatic] private static float[]? t_planeDy;

    /// <summary>This thread's plane buffer of at least <paramref name="floats"/> floats (pinned; grows, never shrinks).</summary>
    private static float* PlaneBuffer(ref float[]? buffer, int floats)
    {
        if (buffer is null || buffer.Length < floats)
            buffer = GC.AllocateUninitializedArray<float>(floats, pinned: true);
        return (float*)Unsafe.AsPointer(ref buffer[0]);
    }

    /// <summary>Floats of y (or dy) a thread rebuilds at once: a run of consecutive planes handed to the plane layer in one call.</summary>
    private const int RunFloats = 4096;

    /// <summary>Planes of <paramref name="spatial"/> floats in one run.</summary>
    private static int RunPlanes(int spatial) => Math.Max(1, RunFloats / spatial);

    // What rebuilds a run of planes of y, and of dy, exactly as the unfused layers compute them.
    private struct PlaneSource
    {
        public float* X, Mean, InvStd, Gamma, Beta, NextGradient;
        public int Channels, Spatial, NextPlane;
        public InPlaceMap? Activation;
        public GradientScale? Derivative;
        public PlaneBackward? Next;

        /// <summary>y of planes (b, c) .. (b, c + count - 1) into <paramref name="y"/>: the arithmetic of NormalizeOp's
        /// wide path plane by plane, then the activation over the run.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Output(int b, int c, int count, float* y)
        {
            for (int j = 0; j < count; j++)
                NormalizeWidePlane(X + ((long)b * Channels + c + j) * Spatial, y + (long)j * Spatial, Spatial, c + j, Mean, InvStd, Gamma, Beta);
            Activation?.Invoke(new Span<float>(y, count * Spatial));
        }

        /// <summary>dy of the run of planes before the activation into <paramref name="dy"/>: the plane layer's backward
        /// pass, then (with an activation) the derivative at the recomputed y, which needs <paramref name="y"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Gradient(int b, int c, int count, float* y, float* dy)
        {
            long plane = (long)b * Channels + c;
            var gradient = new Span<float>(dy, count * Spatial);
            Next!((int)plane, count, new ReadOnlySpan<float>(NextGradient + plane * NextPlane, count * NextPlane), gradient);
            if (Derivative is null) return;
            Output(b, c, count, y);
            Derivative(new ReadOnlySpan<float>(y, count * Spatial), gradient);
        }
    }

    private struct PlanesForwardOp : IChannelRange
    {
        public PlaneSource Plane;
        public int Batch, NextPlane;
        public PlaneForward Next;
        public float* Output;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Run(int first, int end)
        {
            int spatial = Plane.Spatial, channels = Plane.Channels, run = RunPlanes(spatial);
            float* y = PlaneBuffer(ref t_planeY, run * spatial);
            for (int b = 0; b < Batch; b++)
                for (int c = first; c < end; c += run)
                {
                    int count = Math.Min(run, end - c);
                    Plane.Output(b, c, count, y);
                    long plane = (long)b * channels + c;
                    Next((int)plane, count, new ReadOnlySpan<float>(y, count * spatial), new Span<float>(Output + plane * NextPlane, count * NextPlane));
                }
        }
    }

    private struct PlanesReductionsOp : IChannelRange
    {
        public PlaneSource Plane;
        public int Batch;
        public float* SumDy, SumDyXhat, Gradient;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Run(int first, int end)
        {
            int spatial = Plane.Spatial, channels = Plane.Channels, run = RunPlanes(spatial);
            float* y = PlaneBuffer(ref t_planeY, run * spatial), buffer = PlaneBuffer(ref t_planeDy, run * spatial);
            Span<double> sumDy = stackalloc double[Block];
            Span<double> sumDyXc = stackalloc double[Block];
            for (int c0 = first; c0 < end; c0 += Block)
            {
                int n = Math.Min(Block, end - c0);
                sumDy.Clear();
                sumDyXc.Clear();
                for (int b = 0; b < Batch; b++)
                    for (int c = 0; c < n; c += run)
                    {
                        int count = Math.Min(run, n - c);
                        long offset = ((long)b * channels + c0 + c) * spatial;
                        float* dy = Gradient is null ? buffer : Gradient + offset;
                        Plane.Gradient(b, c0 + c, count, y, dy);
                        for (int j = 0; j < count; j++)
                            (sumDy[c + j], sumDyXc[c + j]) = AddPlaneSums(sumDy[c + j], sumDyXc[c + j], dy + (long)j * spatial,
                                Plane.X + offset + (long)j * spatial, spatial, Plane.Mean[c0 + c + j]);
                    }
                for (int c = 0; c < n; c++)
                {
                    SumDy[c0 + c] = (float)sumDy[c];
                    SumDyXhat[c0 + c] = (float)(sumDyXc[c] * Plane.InvStd[c0 + c]);
                }
            }
        }
    }
}
