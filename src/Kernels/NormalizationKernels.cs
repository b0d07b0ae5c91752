using System.Runtime.CompilerServices;
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
        // mean in practice, so Σd² − (Σd)²/n does not cancel) into an L1 buffer, then summed and squared from there.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private readonly void RunWide(int first, int end, double count)
        {
            const int Chunk = 1024;
            Span<float> shifted = stackalloc float[Math.Min(Chunk, Spatial)];
            for (int c = first; c < end; c++)
            {
                float pivot = X[(long)c * Spatial];
                double s1 = 0, s2 = 0;
                for (int b = 0; b < Batch; b++)
                {
                    float* p = X + ((long)b * Channels + c) * Spatial;
                    for (int start = 0; start < Spatial; start += Chunk)
                    {
                        int len = Math.Min(Chunk, Spatial - start);
                        Span<float> d = shifted[..len];
                        TensorPrimitives.Subtract(new ReadOnlySpan<float>(p + start, len), pivot, d);
                        s1 += TensorPrimitives.Sum(d);
                        s2 += TensorPrimitives.SumOfSquares(d);
                    }
                }
                double meanShift = count > 0 ? s1 / count : 0;
                Mean[c] = (float)(pivot + meanShift);
                Variance[c] = count > 0 ? (float)Math.Max(0, s2 / count - meanShift * meanShift) : 0f;
            }
        }
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
                        var output = new Span<float>(y, Spatial);
                        TensorPrimitives.Multiply(new ReadOnlySpan<float>(x, Spatial), scale, output);
                        TensorPrimitives.Add(output, shift - m * scale, output);
                        Activation?.Invoke(output);
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
                            var dySpan = new ReadOnlySpan<float>(dy, Spatial);
                            double planeDy = TensorPrimitives.Sum(dySpan);
                            sumDy[c] = s1 + planeDy;
                            sumDyXc[c] = s2 + TensorPrimitives.Dot(dySpan, new ReadOnlySpan<float>(x, Spatial)) - m * planeDy;
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
                        var output = new Span<float>(dx, Spatial);
                        TensorPrimitives.Multiply(new ReadOnlySpan<float>(dy, Spatial), k, output);
                        TensorPrimitives.Add(output, k * (xcScale * m - meanDy), output);
                        TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(x, Spatial), -k * xcScale, output, output);
                        continue;
                    }
                    for (int i = 0; i < Spatial; i++) dx[i] = k * (dy[i] - meanDy - (x[i] - m) * xcScale);
                }
            }
        }
    }
}
