using System.Runtime.Intrinsics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels;

/// <summary>
/// 2-D convolution (cross-correlation, as in PyTorch) on float tensors laid out batch-first, channel-first and
/// row-major: images [B, C, H, W], weights [F, C, KH, KW], outputs [B, F, OH, OW]. The convolution is lowered to
/// GEMMs via im2col, a chunk of samples at a time so that the column matrix stays in cache.
/// </summary>
/// <remarks>
/// <para>With P = OH·OW output positions per sample, K = C·KH·KW (<see cref="Conv2dGeometry.ColumnCount"/>), F
/// filters and chunks of S samples (<see cref="ChunkSamples"/>, fixed by the geometry and the batch, never by the
/// thread count), M = S·P:
/// <list type="bullet">
/// <item><see cref="Im2Col"/> builds col [K, M]: row <c>(c·KH + kh)·KW + kw</c>, column <c>(s·OH + oh)·OW + ow</c>
/// holds <c>x[s, c, oh·sh - padTop + kh·dh, ow·sw - padLeft + kw·dw]</c> (0 in the padding). Each row is a
/// shifted copy of input rows, contiguous when the stride is 1.</item>
/// <item>Forward, per chunk: <c>Y[F, M] = W · col</c> (GEMM NN, W stored [F, K]), then each sample's [F, P] block is
/// copied into y with the bias added. A one-sample chunk's GEMM writes straight into y, and the bias is added in
/// place.</item>
/// <item>Backward, per chunk: dY's block is gathered into [F, M] (a one-sample chunk reads dY in place);
/// <c>partial += dY · colᵀ</c> (GEMM NT) into its group's partial dW (chunks are split into at most
/// <see cref="PartialGroups"/> fixed runs; a run's first chunk overwrites, later ones add, in chunk order);
/// <c>dcol[K, M] = Wᵀ · dY</c> (GEMM TN, into col's space); <see cref="Col2Im"/> folds dcol into the chunk's dX.
/// dW is the sum of the partials in group order. <see cref="BiasGradient"/> sums dY into db.</item>
/// </list></para>
/// <para>A bias is given by its length: empty for none, F for a tied bias (one per filter, added at every output
/// position) or F·OH·OW for an untied bias laid out [F, OH, OW] (one per filter and output position). When
/// OH·OW = 1 the two coincide.</para>
/// <para>Kernels split work over up to <see cref="KernelSettings.MaxThreads"/> threads by whole units (column rows,
/// input planes, samples or filters) chosen from the shapes alone; each output element is written by one thread
/// and accumulated in a fixed order, so results are bitwise identical for any thread count. Steady-state calls
/// allocate nothing. Outputs must not overlap inputs. Span lengths must match the shapes exactly (scratch may be
/// longer than needed); mismatches throw <see cref="ArgumentException"/> giving the shapes.</para>
/// </remarks>
public static unsafe class ConvolutionKernels
{
    /// <summary>Floats of one chunk's column matrix the driver aims for: about 1 MiB, so col stays in L2 between im2col and the GEMM.</summary>
    public const int ChunkFloats = 1 << 18;

    /// <summary>
    /// Output positions per sample from which a chunk is one sample: its GEMM then reads and writes the sample's own
    /// [F, OH·OW] block of y or dY in place (no scatter or gather copy), and the micro-kernel's column tiles waste at
    /// most 1/16 of a row.
    /// </summary>
    public const int DirectMinPositions = 512;

    /// <summary>Partial weight gradients of the backward pass: chunks are grouped into at most this many runs, each
    /// accumulated in chunk order into its own partial, and the partials are summed in group order.</summary>
    public const int PartialGroups = 8;

    /// <summary>
    /// Samples per chunk for <paramref name="batch"/> images: one when a sample has at least
    /// <see cref="DirectMinPositions"/> output positions; otherwise the batch split into the fewest chunks of at most
    /// <see cref="ChunkFloats"/> column floats each (at least one sample), sized evenly.
    /// </summary>
    public static int ChunkSamples(Conv2dGeometry geometry, int batch)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.OutputPositions >= DirectMinPositions)
            return 1;
        return EvenChunk(batch, (long)geometry.ColumnCount * geometry.OutputPositions, ChunkFloats);
    }

    /// <summary>Samples per chunk when <paramref name="batch"/> is split into the fewest chunks of at most
    /// <paramref name="budget"/> units (<paramref name="perSample"/> a sample; at least one sample each), sized evenly.</summary>
    internal static int EvenChunk(int batch, long perSample, long budget)
    {
        int most = (int)Math.Clamp(budget / Math.Max(1, perSample), 1, Math.Max(1, batch));
        int chunks = (Math.Max(1, batch) + most - 1) / most;
        return (Math.Max(1, batch) + chunks - 1) / chunks;
    }

    /// <summary>A tied bias's gradient from per-sample plane sums [B, F]: <c>db[f] = Σ_b planeSums[b, f]</c> in double,
    /// sample by sample, the order of <see cref="BiasGradient"/>.</summary>
    internal static void SumPlaneSums(float* planeSums, int batch, int filters, float* biasGradient)
    {
        for (int f = 0; f < filters; f++)
        {
            double sum = 0;
            for (int b = 0; b < batch; b++) sum += planeSums[(long)b * filters + f];
            biasGradient[f] = (float)sum;
        }
    }

    /// <summary>Chunks processed at once, each with its own scratch slot: one per core, at most one per chunk.</summary>
    internal static int Slots(int chunks) => Math.Clamp(Environment.ProcessorCount, 1, chunks);

    /// <summary>
    /// Floats of scratch <see cref="Conv2dForward"/> needs: <c>(K + F)·S·P</c> per core with S = <see cref="ChunkSamples"/>,
    /// P = OH·OW and K = C·KH·KW (one chunk's column matrix and its GEMM output; only <c>K·P</c> when S = 1, whose
    /// GEMM writes into the output).
    /// </summary>
    /// <exception cref="ArgumentException">batch or filters is less than 1, or the size exceeds <see cref="int.MaxValue"/>.</exception>
    public static int ForwardScratchLength(Conv2dGeometry geometry, int batch, int filters)
        => ScratchLength(geometry, batch, filters, nameof(ForwardScratchLength));

    /// <summary>
    /// Floats of scratch <see cref="Conv2dBackward"/> needs: what the forward pass needs (one chunk's column matrix,
    /// reused for dcol once dW has it, and the chunk's dY as [F, S·P] unless S = 1), plus one partial dW [F, K] per
    /// group of chunks (at most <see cref="PartialGroups"/>) and B·F plane sums of dY (for a tied bias).
    /// </summary>
    /// <exception cref="ArgumentException">batch or filters is less than 1, or the size exceeds <see cref="int.MaxValue"/>.</exception>
    public static int BackwardScratchLength(Conv2dGeometry geometry, int batch, int filters)
        => ScratchLength(geometry, batch, filters, nameof(BackwardScratchLength));

    /// <summary>
    /// Forward convolution of a batch: <c>y[b, f, oh, ow] = bias + Σ_{c,kh,kw} w[f, c, kh, kw] ·
    /// x[b, c, oh·sh - padTop + kh·dh, ow·sw - padLeft + kw·dw]</c> (zero outside the input).
    /// </summary>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="filters">Filters (output channels) F.</param>
    /// <param name="input">x, [B, C, H, W].</param>
    /// <param name="weights">w, [F, C, KH, KW].</param>
    /// <param name="bias">Empty, F values (tied) or F·OH·OW values (untied, [F, OH, OW]).</param>
    /// <param name="output">y, [B, F, OH, OW]; overwritten.</param>
    /// <param name="scratch">At least <see cref="ForwardScratchLength"/> floats; contents are overwritten and need
    /// not survive until the backward pass.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or scratch is too short.</exception>
    public static void Conv2dForward(Conv2dGeometry geometry, int batch, int filters, ReadOnlySpan<float> input,
        ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, Span<float> scratch)
    {
        const string op = nameof(Conv2dForward);
        ArgumentNullException.ThrowIfNull(geometry);
        int needed = ScratchLength(geometry, batch, filters, op);
        CheckForward(geometry, batch, filters, input.Length, weights.Length, bias.Length, output.Length, op);
        CheckScratch(geometry, batch, filters, scratch.Length, needed, op);

        fixed (float* x = input, w = weights, bi = bias, y = output, scratchPointer = scratch)
        {
            ConvolutionJob job = ConvolutionJob.For(geometry, batch, filters, x, w, scratchPointer);
            job.Bias = bi;
            job.BiasLength = bias.Length;
            job.Output = y;
            job.Run();
        }
    }

    /// <summary>
    /// Backward convolution of a batch: the weight gradient <c>dW = Σ_chunks dY · colᵀ</c>, the bias gradient
    /// (summed over the batch, and over positions if tied) and, if <paramref name="inputGradient"/> is not empty,
    /// the input gradient <c>dX = col2im(Wᵀ · dY)</c>.
    /// </summary>
    /// <remarks>
    /// The im2col matrix is rebuilt from <paramref name="input"/> into the scratch (the forward pass's scratch may
    /// have been reused by other layers since). All gradients are overwritten, not accumulated. With an empty
    /// <paramref name="inputGradient"/> (a first layer) the dcol GEMM and col2im are skipped.
    /// </remarks>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="filters">Filters F.</param>
    /// <param name="input">x of the forward pass, [B, C, H, W].</param>
    /// <param name="weights">w, [F, C, KH, KW].</param>
    /// <param name="outputGradient">dY, [B, F, OH, OW].</param>
    /// <param name="weightGradient">dW, [F, C, KH, KW]; overwritten.</param>
    /// <param name="biasGradient">Empty (no bias), F (tied) or F·OH·OW (untied) values; overwritten.</param>
    /// <param name="inputGradient">dX, [B, C, H, W], overwritten; or empty to skip it.</param>
    /// <param name="scratch">At least <see cref="BackwardScratchLength"/> floats; overwritten.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or scratch is too short.</exception>
    public static void Conv2dBackward(Conv2dGeometry geometry, int batch, int filters, ReadOnlySpan<float> input,
        ReadOnlySpan<float> weights, ReadOnlySpan<float> outputGradient, Span<float> weightGradient,
        Span<float> biasGradient, Span<float> inputGradient, Span<float> scratch)
    {
        const string op = nameof(Conv2dBackward);
        ArgumentNullException.ThrowIfNull(geometry);
        int needed = ScratchLength(geometry, batch, filters, op);
        CheckBackward(geometry, batch, filters, input.Length, weights.Length, outputGradient.Length, weightGradient.Length,
            biasGradient.Length, inputGradient.Length, op);
        CheckScratch(geometry, batch, filters, scratch.Length, needed, op);

        bool tied = biasGradient.Length == filters;
        fixed (float* x = input, w = weights, dy = outputGradient, dw = weightGradient, dx = inputGradient, scratchPointer = scratch, db = biasGradient)
        {
            ConvolutionJob job = ConvolutionJob.For(geometry, batch, filters, x, w, scratchPointer);
            job.OutputGradient = dy;
            job.InputGradient = inputGradient.IsEmpty ? null : dx;
            job.WeightGradient = dw; // dW = Σ partial[chunk] in chunk order, split over filters
            job.BiasGradient = tied ? db : null; // a tied bias's plane sums are taken per chunk, while dY is in cache
            job.Run();
        }
        if (!biasGradient.IsEmpty && !tied)
            BiasGradient(batch, filters, geometry.OutputPositions, outputGradient, biasGradient);
    }

    /// <summary>
    /// Unfolds a batch into the im2col matrix col [C·KH·KW, B·OH·OW]:
    /// <c>col[(c·KH + kh)·KW + kw, (b·OH + oh)·OW + ow] = x[b, c, oh·sh - padTop + kh·dh, ow·sw - padLeft + kw·dw]</c>,
    /// 0 where the pixel lies in the padding.
    /// </summary>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="input">x, [B, C, H, W].</param>
    /// <param name="columns">col, [C·KH·KW, B·OH·OW]; overwritten.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void Im2Col(Conv2dGeometry geometry, int batch, ReadOnlySpan<float> input, Span<float> columns)
    {
        const string op = nameof(Im2Col);
        ArgumentNullException.ThrowIfNull(geometry);
        CheckBatch(batch, op);
        CheckInput(geometry, batch, input.Length, op, nameof(input));
        CheckColumns(geometry, batch, columns.Length, op);
        fixed (float* x = input, col = columns)
        {
            var body = new Im2ColBody(geometry, x, col, batch);
            ParallelRange.Run(body, geometry.ColumnCount, (long)batch * geometry.OutputPositions);
        }
    }

    /// <summary>
    /// Folds an im2col-shaped gradient back onto the input, the adjoint of <see cref="Im2Col"/>: clears
    /// <paramref name="inputGradient"/>, then adds every <c>dcol[(c·KH + kh)·KW + kw, (b·OH + oh)·OW + ow]</c> to
    /// <c>dx[b, c, oh·sh - padTop + kh·dh, ow·sw - padLeft + kw·dw]</c> (entries in the padding are dropped).
    /// </summary>
    /// <remarks>Threads own whole input planes (b, c), and each plane sums its contributions in the order kh, kw,
    /// oh, ow, so the result is the same for any thread count.</remarks>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="columns">dcol, [C·KH·KW, B·OH·OW].</param>
    /// <param name="inputGradient">dx, [B, C, H, W]; overwritten.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void Col2Im(Conv2dGeometry geometry, int batch, ReadOnlySpan<float> columns, Span<float> inputGradient)
    {
        const string op = nameof(Col2Im);
        ArgumentNullException.ThrowIfNull(geometry);
        CheckBatch(batch, op);
        CheckColumns(geometry, batch, columns.Length, op);
        CheckInput(geometry, batch, inputGradient.Length, op, nameof(inputGradient));
        fixed (float* col = columns, dx = inputGradient)
        {
            var body = new Col2ImBody(geometry, col, dx, batch);
            ParallelRange.Run(body, batch * geometry.Channels,
                (long)geometry.OutputPositions * geometry.KernelHeight * geometry.KernelWidth);
        }
    }

    /// <summary>
    /// Bias gradient from dY [B, F, P]: tied (F values) <c>db[f] = Σ_b Σ_p dY[b, f, p]</c>; untied (F·P values)
    /// <c>db[f, p] = Σ_b dY[b, f, p]</c>. Overwrites <paramref name="biasGradient"/>.
    /// </summary>
    /// <remarks>Threads own whole filters and sum over the batch in order b = 0, 1, …; a tied sum accumulates each
    /// sample's plane sum in double.</remarks>
    /// <param name="batch">Samples B.</param>
    /// <param name="filters">Filters F.</param>
    /// <param name="positions">Output positions per sample P = OH·OW.</param>
    /// <param name="outputGradient">dY, [B, F, P].</param>
    /// <param name="biasGradient">db: F (tied) or F·P (untied) values.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void BiasGradient(int batch, int filters, int positions, ReadOnlySpan<float> outputGradient,
        Span<float> biasGradient)
    {
        const string op = nameof(BiasGradient);
        long size = CheckTransposeShape(batch, positions, filters, op);
        CheckLength(outputGradient.Length, size, op, nameof(outputGradient), $"[B={batch}, F={filters}, P={positions}]");
        if (biasGradient.Length != filters && biasGradient.Length != (long)filters * positions)
            throw new ArgumentException($"{op}: biasGradient has {biasGradient.Length} values but must have " +
                $"F = {filters} (tied) or F·P = {(long)filters * positions} (untied) with P = {positions}.",
                nameof(biasGradient));
        fixed (float* dy = outputGradient, db = biasGradient)
        {
            var body = new BiasGradientBody(dy, db, biasGradient.Length == filters, batch, filters, positions);
            ParallelRange.Run(body, filters, (long)batch * positions);
        }
    }

    // ---- the batch-parallel driver ------------------------------------------------------------------------------

    // Chunks of samples are independent: each part takes a contiguous run of chunks and works through them on its own
    // scratch slot with single-threaded im2col, GEMM and scatter (or gather, GEMMs and col2im), so the column matrix
    // never leaves its core's cache and nothing is handed between threads per chunk. In the backward pass each chunk
    // writes its own partial dW; they are summed afterwards in chunk order, so dW does not depend on which part ran
    // which chunk, and the result is bitwise identical for any thread count.
    private sealed class ConvolutionJob : IParallelWork
    {
        [ThreadStatic] private static ConvolutionJob? t_cached;

        private Conv2dGeometry _g = null!;
        private int _batch, _filters, _chunk, _chunks, _groups, _parts;
        private long _slot;
        private float* _x, _w, _scratch, _partials, _planeSums;

        public float* Bias, Output, OutputGradient, InputGradient, WeightGradient, BiasGradient;
        public int BiasLength;

        public static ConvolutionJob For(Conv2dGeometry g, int batch, int filters, float* x, float* w, float* scratch)
        {
            ConvolutionJob job = t_cached ??= new ConvolutionJob();
            job._g = g;
            job._batch = batch;
            job._filters = filters;
            job._chunk = ChunkSamples(g, batch);
            job._chunks = (batch + job._chunk - 1) / job._chunk;
            job._groups = Groups(job._chunks);
            int slots = Slots(job._chunks);
            job._parts = Math.Clamp(KernelSettings.MaxThreads, 1, slots);
            job._slot = SlotLength(g, job._chunk, filters);
            job._x = x;
            job._w = w;
            job._scratch = scratch;
            job._partials = scratch + slots * job._slot;
            job.Bias = job.Output = job.OutputGradient = job.InputGradient = job.WeightGradient = job.BiasGradient = null;
            job._planeSums = job._partials + (long)job._groups * filters * g.ColumnCount;
            job.BiasLength = 0;
            return job;
        }

        public void Run()
        {
            try
            {
                // The forward pass divides chunks among the parts, the backward pass whole groups (each group's partial
                // dW is accumulated by one part, in chunk order).
                if (WeightGradient is not null) _parts = Math.Min(_parts, _groups);
                if (_parts == 1) Execute(0);
                else WorkerPool.Shared.Run(this, _parts);
                if (WeightGradient is not null)
                {
                    var body = new ChunkSumBody(_partials, WeightGradient, _groups, _filters, _g.ColumnCount, TransposedPartials(_g.ColumnCount));
                    ParallelRange.Run(body, _filters, (long)_groups * _g.ColumnCount);
                }
                if (BiasGradient is not null)
                    SumPlaneSums(_planeSums, _batch, _filters, BiasGradient);
            }
            finally
            {
                _x = _w = _scratch = _partials = _planeSums = Bias = Output = OutputGradient = InputGradient = WeightGradient = BiasGradient = null; // drop the pointers
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Execute(int part)
        {
            float* slot = _scratch + part * _slot;
            if (Output is not null)
            {
                (int first, int end) = ParallelRange.Range(part, _parts, _chunks);
                for (int chunk = first; chunk < end; chunk++) Forward(chunk, slot);
                return;
            }

            (int firstGroup, int endGroup) = ParallelRange.Range(part, _parts, _groups);
            for (int group = firstGroup; group < endGroup; group++)
            {
                (int first, int end) = ParallelRange.Range(group, _groups, _chunks);
                for (int chunk = first; chunk < end; chunk++) Backward(chunk, slot, group, accumulate: chunk > first);
            }
        }

        private void Forward(int chunk, float* slot)
        {
            Conv2dGeometry g = _g;
            int k = g.ColumnCount, p = g.OutputPositions, b0 = chunk * _chunk, s = Math.Min(_chunk, _batch - b0), m = s * p;
            float* columns = slot, output = Output + (long)b0 * _filters * p;
            float* product = s == 1 ? output : slot + (long)k * m; // one sample: [F, P] is y's own layout
            new Im2ColBody(g, _x + (long)b0 * g.InputSize, columns, s).Run(0, k);
            Gemm.Multiply(false, false, _filters, m, k, 1f, new ReadOnlySpan<float>(_w, _filters * k), k,
                new ReadOnlySpan<float>(columns, k * m), m, 0f, new Span<float>(product, _filters * m), m, maxThreads: 1);
            if (product != output || BiasLength != 0)
                new ScatterBody(product, Bias, BiasLength, output, s, _filters, p).Run(0, s); // in place when product is y
        }

        private void Backward(int chunk, float* slot, int group, bool accumulate)
        {
            Conv2dGeometry g = _g;
            int k = g.ColumnCount, p = g.OutputPositions, b0 = chunk * _chunk, s = Math.Min(_chunk, _batch - b0), m = s * p;
            float* columns = slot, gradient = slot + (long)k * m, dy = OutputGradient + (long)b0 * _filters * p;
            new Im2ColBody(g, _x + (long)b0 * g.InputSize, columns, s).Run(0, k);
            if (BiasGradient is not null)
                for (long plane = 0; plane < (long)s * _filters; plane++) // the plane sums of a tied bias's gradient
                    _planeSums[(long)b0 * _filters + plane] = TensorPrimitives.Sum(new ReadOnlySpan<float>(dy + plane * p, p));
            if (s == 1) gradient = dy; // one sample: dY's [F, P] block is already the GEMM's layout
            else new GatherBody(dy, gradient, s, _filters, p).Run(0, s);
            var dY = new ReadOnlySpan<float>(gradient, _filters * m);
            var partial = new Span<float>(_partials + (long)group * _filters * k, _filters * k);
            float beta = accumulate ? 1f : 0f;
            if (TransposedPartials(k))
                Gemm.Multiply(false, true, k, _filters, m, 1f, new ReadOnlySpan<float>(columns, k * m), m, dY, m, beta, partial, _filters, maxThreads: 1);
            else
                Gemm.Multiply(false, true, _filters, k, m, 1f, dY, m, new ReadOnlySpan<float>(columns, k * m), m, beta, partial, k, maxThreads: 1);
            if (InputGradient is null)
                return;
            Gemm.Multiply(true, false, k, m, _filters, 1f, new ReadOnlySpan<float>(_w, _filters * k), k, dY, m,
                0f, new Span<float>(columns, k * m), m, maxThreads: 1); // dcol replaces col
            new Col2ImBody(g, columns, InputGradient + (long)b0 * g.InputSize, s, scratchColumns: true).Run(0, s * g.Channels);
        }

        // A partial dW is computed as [F, K] (dY · colᵀ) or, when K is narrower than one micro-tile (a first layer's
        // 3x3x1 kernel), as [K, F] (col · dYᵀ), which keeps the GEMM's tiles full.
        private static bool TransposedPartials(int k) => k < 32;
    }

    // Unit = one filter's row of dW: the sum of that row over the groups' partials ([F, K] or [K, F]), in group order.
    private readonly struct ChunkSumBody(float* partials, float* dw, int chunks, int filters, int row, bool transposed) : IRangeBody
    {
        private readonly float* _partials = partials, _dw = dw;
        private readonly int _chunks = chunks, _filters = filters, _stride = filters * row, _row = row;
        private readonly bool _transposed = transposed;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            if (_transposed)
            {
                for (int f = start; f < end; f++)
                    for (int j = 0; j < _row; j++)
                    {
                        float sum = _partials[(long)j * _filters + f];
                        for (int c = 1; c < _chunks; c++) sum += _partials[(long)c * _stride + (long)j * _filters + f];
                        _dw[(long)f * _row + j] = sum;
                    }
                return;
            }
            for (int f = start; f < end; f++)
            {
                var target = new Span<float>(_dw + (long)f * _row, _row);
                new ReadOnlySpan<float>(_partials + (long)f * _row, _row).CopyTo(target);
                for (int c = 1; c < _chunks; c++)
                    TensorPrimitives.Add(target, new ReadOnlySpan<float>(_partials + (long)c * _stride + (long)f * _row, _row), target);
            }
        }
    }

    // ---- bodies -------------------------------------------------------------------------------------------------

    // Image rows are short (14 or 28 floats in the Fashion-MNIST CNN), so the copies and adds below use 256-bit
    // vectors inline instead of Span calls, whose per-call cost would dominate.

    /// <summary>dst[0..n) = src[0..n); the ranges do not overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* src, float* dst, int n)
    {
        if (n >= 8)
        {
            int i = 0;
            for (; i <= n - 8; i += 8) Vector256.Store(Vector256.Load(src + i), dst + i);
            if (i < n) Vector256.Store(Vector256.Load(src + n - 8), dst + n - 8); // overlapping tail: same values
            return;
        }
        for (int i = 0; i < n; i++) dst[i] = src[i];
    }

    /// <summary>dst[0..n) += src[0..n), element by element in index order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(float* src, float* dst, int n)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= n - 16; i += 16) Vector512.Store(Vector512.Load(dst + i) + Vector512.Load(src + i), dst + i);
        for (; i <= n - 8; i += 8) Vector256.Store(Vector256.Load(dst + i) + Vector256.Load(src + i), dst + i);
        if (i <= n - 4)
        {
            Vector128.Store(Vector128.Load(dst + i) + Vector128.Load(src + i), dst + i);
            i += 4;
        }
        for (; i < n; i++) dst[i] += src[i];
    }

    /// <summary>First output index o ≥ 0 with o·stride + offset ≥ 0, and first with o·stride + offset ≥ size, both in [0, count].</summary>
    internal static (int Begin, int End) InsideRange(int offset, int stride, int size, int count)
    {
        int begin = offset >= 0 ? 0 : (int)Math.Min(count, ((long)-offset + stride - 1) / stride);
        long past = (long)size - offset; // o·stride < past
        int end = past <= 0 ? 0 : (int)Math.Min(count, (past + stride - 1) / stride);
        return (begin, Math.Max(begin, end));
    }

    // Unit = one row r = (c, kh, kw) of col, i.e. B·OH·OW contiguous outputs. For each (b, oh) the source is one
    // input row (or padding); the valid ow form a range computed once per call, so the inner loop has no bounds
    // checks: zeros, a copy (contiguous when the stride is 1), zeros.
    private readonly struct Im2ColBody(Conv2dGeometry g, float* x, float* col, int batch) : IRangeBody
    {
        private readonly float* _x = x, _col = col;
        private readonly int _batch = batch, _c = g.Channels, _h = g.InputHeight, _w = g.InputWidth;
        private readonly int _kh = g.KernelHeight, _kw = g.KernelWidth, _sh = g.StrideHeight, _sw = g.StrideWidth;
        private readonly int _pt = g.PadTop, _pl = g.PadLeft, _dh = g.DilationHeight, _dw = g.DilationWidth;
        private readonly int _oh = g.OutputHeight, _ow = g.OutputWidth;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            if (_sw == 1 && _sh == 1 && _ow == _w)
            {
                RunContiguous(start, end);
                return;
            }
            int ow = _ow, sw = _sw, plane = _h * _w;
            long rowLength = (long)_batch * _oh * ow;
            for (int r = start; r < end; r++)
            {
                int kw = r % _kw, kh = r / _kw % _kh, c = r / (_kw * _kh);
                (int begin, int stop) = InsideRange(kw * _dw - _pl, sw, _w, ow);
                float* dst = _col + r * rowLength;
                for (int b = 0; b < _batch; b++)
                {
                    float* image = _x + ((long)b * _c + c) * plane;
                    for (int oh = 0; oh < _oh; oh++, dst += ow)
                    {
                        int ih = oh * _sh - _pt + kh * _dh;
                        if ((uint)ih >= (uint)_h)
                        {
                            new Span<float>(dst, ow).Clear();
                            continue;
                        }
                        for (int o = 0; o < begin; o++) dst[o] = 0f;
                        float* source = image + (long)ih * _w + (long)begin * sw + kw * _dw - _pl;
                        if (sw == 1)
                        {
                            Copy(source, dst + begin, stop - begin);
                        }
                        else
                        {
                            for (int o = begin; o < stop; o++, source += sw)
                                dst[o] = *source;
                        }
                        for (int o = stop; o < ow; o++) dst[o] = 0f;
                    }
                }
            }
        }

        // Stride 1 with rows as wide as the input's ("same" padding): a row of col for one sample is the input plane
        // shifted by whole rows and a few columns, so it is one contiguous copy of the rows in reach, then the few
        // entries per row that fall in the padding (and so took a neighbouring row's pixel) are zeroed.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RunContiguous(int start, int end)
        {
            int w = _w, planeOut = _oh * w, plane = _h * w;
            long rowLength = (long)_batch * planeOut;
            for (int r = start; r < end; r++)
            {
                int kw = r % _kw, kh = r / _kw % _kh, c = r / (_kw * _kh);
                int shift = kw * _dw - _pl, down = kh * _dh - _pt;
                (int begin, int stop) = InsideRange(shift, 1, w, w);
                (int oh0, int oh1) = InsideRange(down, 1, _h, _oh);
                for (int b = 0; b < _batch; b++)
                {
                    float* dst = _col + r * rowLength + (long)b * planeOut;
                    if (oh0 >= oh1 || begin >= stop)
                    {
                        new Span<float>(dst, planeOut).Clear();
                        continue;
                    }
                    new Span<float>(dst, oh0 * w).Clear();
                    new Span<float>(dst + oh1 * w, planeOut - oh1 * w).Clear();
                    float* image = _x + ((long)b * _c + c) * plane;
                    int first = oh0 * w + begin, last = (oh1 - 1) * w + stop;
                    new ReadOnlySpan<float>(image + first + down * w + shift, last - first).CopyTo(new Span<float>(dst + first, last - first));
                    for (int oh = oh0; oh < oh1; oh++)
                    {
                        float* row = dst + oh * w;
                        for (int o = 0; o < begin; o++) row[o] = 0f;
                        for (int o = stop; o < w; o++) row[o] = 0f;
                    }
                }
            }
        }
    }

    // Unit = one input plane (b, c): clears it, then adds its rows of dcol in the order kh, kw, oh, ow.
    // With scratchColumns (dcol is the caller's scratch, not needed afterwards), stride 1 and rows as wide as the
    // input's, each (kh, kw) row of a sample is added as one contiguous run (see RunContiguous).
    private readonly struct Col2ImBody(Conv2dGeometry g, float* col, float* dx, int batch, bool scratchColumns = false) : IRangeBody
    {
        private readonly float* _col = col, _dx = dx;
        private readonly int _batch = batch, _c = g.Channels, _h = g.InputHeight, _w = g.InputWidth;
        private readonly int _kh = g.KernelHeight, _kw = g.KernelWidth, _sh = g.StrideHeight, _sw = g.StrideWidth;
        private readonly int _pt = g.PadTop, _pl = g.PadLeft, _dh = g.DilationHeight, _dw = g.DilationWidth;
        private readonly int _oh = g.OutputHeight, _ow = g.OutputWidth;
        private readonly bool _scratchColumns = scratchColumns;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            if (_scratchColumns && _sw == 1 && _sh == 1 && _ow == _w)
            {
                RunContiguous(start, end);
                return;
            }
            int ow = _ow, sw = _sw;
            long rowLength = (long)_batch * _oh * ow;
            for (int unit = start; unit < end; unit++)
            {
                int b = unit / _c, c = unit % _c;
                float* plane = _dx + (long)unit * _h * _w;
                new Span<float>(plane, _h * _w).Clear();
                for (int kh = 0; kh < _kh; kh++)
                {
                    for (int kw = 0; kw < _kw; kw++)
                    {
                        (int begin, int stop) = InsideRange(kw * _dw - _pl, sw, _w, ow);
                        if (begin >= stop) continue;
                        float* row = _col + ((long)(c * _kh + kh) * _kw + kw) * rowLength + (long)b * _oh * ow;
                        for (int oh = 0; oh < _oh; oh++, row += ow)
                        {
                            int ih = oh * _sh - _pt + kh * _dh;
                            if ((uint)ih >= (uint)_h)
                                continue;
                            float* d = plane + (long)ih * _w + (long)begin * sw + kw * _dw - _pl;
                            if (sw == 1)
                            {
                                AddTo(row + begin, d, stop - begin);
                            }
                            else
                            {
                                for (int o = begin; o < stop; o++, d += sw)
                                    *d += row[o];
                            }
                        }
                    }
                }
            }
        }

        // The entries of a dcol row that lie in the padding are zeroed first, so that the row can be added to the
        // plane as one contiguous run (those entries land on a neighbouring row's edge pixel and add +0). Each pixel
        // still gets its contributions in the order kh, kw, so the sums are those of the row-by-row loop.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RunContiguous(int start, int end)
        {
            int w = _w, planeOut = _oh * w, plane = _h * w;
            long rowLength = (long)_batch * planeOut;
            for (int unit = start; unit < end; unit++)
            {
                int b = unit / _c, c = unit % _c;
                float* dx = _dx + (long)unit * plane;
                new Span<float>(dx, plane).Clear();
                for (int kh = 0; kh < _kh; kh++)
                {
                    int down = kh * _dh - _pt;
                    (int oh0, int oh1) = InsideRange(down, 1, _h, _oh);
                    if (oh0 >= oh1) continue;
                    for (int kw = 0; kw < _kw; kw++)
                    {
                        int shift = kw * _dw - _pl;
                        (int begin, int stop) = InsideRange(shift, 1, w, w);
                        if (begin >= stop) continue;
                        float* row = _col + ((long)(c * _kh + kh) * _kw + kw) * rowLength + (long)b * planeOut;
                        for (int oh = oh0; oh < oh1; oh++)
                        {
                            float* r = row + oh * w;
                            for (int o = 0; o < begin; o++) r[o] = 0f;
                            for (int o = stop; o < w; o++) r[o] = 0f;
                        }
                        int first = oh0 * w + begin, last = (oh1 - 1) * w + stop;
                        AddTo(row + first, dx + first + down * w + shift, last - first);
                    }
                }
            }
        }
    }

    // Unit = one sample s of a chunk: y[s, f, :] = product[f, s·P .. s·P + P) + bias. For a one-sample chunk product
    // may be y itself (the bias is then added in place).
    private readonly struct ScatterBody(float* product, float* bias, int biasLength, float* output, int samples, int filters,
        int positions) : IRangeBody
    {
        private readonly float* _product = product, _bias = bias, _output = output;
        private readonly int _biasLength = biasLength, _s = samples, _f = filters, _p = positions;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            int p = _p, f = _f;
            long m = (long)_s * p;
            bool tied = _biasLength == f, untied = !tied && _biasLength != 0;
            for (int s = start; s < end; s++)
            {
                for (int j = 0; j < f; j++)
                {
                    var source = new ReadOnlySpan<float>(_product + j * m + (long)s * p, p);
                    var target = new Span<float>(_output + ((long)s * f + j) * p, p);
                    if (untied) TensorPrimitives.Add(source, new ReadOnlySpan<float>(_bias + (long)j * p, p), target);
                    else if (tied) TensorPrimitives.Add(source, _bias[j], target);
                    else if (_product != _output) source.CopyTo(target);
                }
            }
        }
    }

    // Unit = one sample s of a chunk: gradient[f, s·P .. s·P + P) = dy[s, f, :].
    private readonly struct GatherBody(float* dy, float* gradient, int samples, int filters, int positions) : IRangeBody
    {
        private readonly float* _dy = dy, _gradient = gradient;
        private readonly int _s = samples, _f = filters, _p = positions;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            int p = _p, f = _f;
            long m = (long)_s * p;
            for (int s = start; s < end; s++)
                for (int j = 0; j < f; j++)
                    new ReadOnlySpan<float>(_dy + ((long)s * f + j) * p, p).CopyTo(new Span<float>(_gradient + j * m + (long)s * p, p));
        }
    }

    // Unit = one filter.
    private readonly struct BiasGradientBody(float* dy, float* db, bool tied, int batch, int filters, int positions)
        : IRangeBody
    {
        private readonly float* _dy = dy, _db = db;
        private readonly bool _tied = tied;
        private readonly int _b = batch, _f = filters, _p = positions;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            for (int j = start; j < end; j++)
            {
                if (_tied)
                {
                    double sum = 0;
                    for (int b = 0; b < _b; b++)
                        sum += TensorPrimitives.Sum(new ReadOnlySpan<float>(_dy + ((long)b * _f + j) * _p, _p));
                    _db[j] = (float)sum;
                }
                else
                {
                    var target = new Span<float>(_db + (long)j * _p, _p);
                    target.Clear();
                    for (int b = 0; b < _b; b++)
                        TensorPrimitives.Add(target, new ReadOnlySpan<float>(_dy + ((long)b * _f + j) * _p, _p), target);
                }
            }
        }
    }

    // ---- validation ---------------------------------------------------------------------------------------------

    private static int ScratchLength(Conv2dGeometry geometry, int batch, int filters, string op)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        CheckBatch(batch, op);
        if (filters < 1)
            throw new ArgumentException($"{op}: filters must be at least 1 but is {filters}.", nameof(filters));
        int chunk = ChunkSamples(geometry, batch), chunks = (batch + chunk - 1) / chunk;
        long m = (long)chunk * geometry.OutputPositions;
        long length = Slots(chunks) * SlotLength(geometry, chunk, filters);
        if (op == nameof(BackwardScratchLength) || op == nameof(Conv2dBackward))
            length += (long)Groups(chunks) * filters * geometry.ColumnCount + (long)batch * filters; // each group's partial dW; dY's plane sums
        if (length > int.MaxValue)
            throw new ArgumentException($"{op}: {filters} filters need {length} floats of scratch ({Slots(chunks)} slot(s) of " +
                $"S·OH·OW = {m} columns of K = {geometry.ColumnCount} plus F = {filters}), more than a span holds. Geometry: {geometry}.", nameof(batch));
        return (int)length;
    }

    /// <summary>Floats of one part's scratch: the chunk's column matrix, and its GEMM product (or gathered dY) unless a chunk is one sample.</summary>
    private static long SlotLength(Conv2dGeometry g, int chunk, int filters)
        => (long)chunk * g.OutputPositions * (g.ColumnCount + (chunk == 1 ? 0 : filters));

    internal static int Groups(int chunks) => Math.Min(chunks, PartialGroups);

    /// <summary>The span lengths of a forward pass (input, weights, bias, output) against the shapes; shared with <see cref="WinogradConvolution"/>.</summary>
    internal static void CheckForward(Conv2dGeometry g, int batch, int filters, int input, int weights, int bias, int output, string op)
    {
        CheckInput(g, batch, input, op, nameof(input));
        CheckWeights(g, filters, weights, op, nameof(weights));
        CheckBias(g, filters, bias, op, nameof(bias));
        CheckOutput(g, batch, filters, output, op, nameof(output));
    }

    /// <summary>The span lengths of a backward pass against the shapes (an empty input gradient is skipped); shared with <see cref="WinogradConvolution"/>.</summary>
    internal static void CheckBackward(Conv2dGeometry g, int batch, int filters, int input, int weights, int outputGradient,
        int weightGradient, int biasGradient, int inputGradient, string op)
    {
        CheckInput(g, batch, input, op, nameof(input));
        CheckWeights(g, filters, weights, op, nameof(weights));
        CheckOutput(g, batch, filters, outputGradient, op, nameof(outputGradient));
        CheckWeights(g, filters, weightGradient, op, nameof(weightGradient));
        CheckBias(g, filters, biasGradient, op, nameof(biasGradient));
        if (inputGradient != 0)
            CheckInput(g, batch, inputGradient, op, nameof(inputGradient));
    }

    internal static void CheckBatch(int batch, string op)
    {
        if (batch < 1)
            throw new ArgumentException($"{op}: batch must be at least 1 but is {batch}.", nameof(batch));
    }

    private static void CheckInput(Conv2dGeometry g, int batch, int length, string op, string name)
        => CheckLength(length, (long)batch * g.InputSize, op, name,
            $"[B={batch}, C={g.Channels}, H={g.InputHeight}, W={g.InputWidth}]");

    private static void CheckOutput(Conv2dGeometry g, int batch, int filters, int length, string op, string name)
        => CheckLength(length, (long)batch * filters * g.OutputPositions, op, name,
            $"[B={batch}, F={filters}, OH={g.OutputHeight}, OW={g.OutputWidth}]");

    private static void CheckWeights(Conv2dGeometry g, int filters, int length, string op, string name)
        => CheckLength(length, (long)filters * g.ColumnCount, op, name,
            $"[F={filters}, C={g.Channels}, KH={g.KernelHeight}, KW={g.KernelWidth}]");

    private static void CheckColumns(Conv2dGeometry g, int batch, int length, string op)
        => CheckLength(length, (long)batch * g.OutputPositions * g.ColumnCount, op, "columns",
            $"[C·KH·KW={g.ColumnCount}, B·OH·OW={(long)batch * g.OutputPositions}] (B={batch}, {g})");

    private static void CheckBias(Conv2dGeometry g, int filters, int length, string op, string name)
    {
        if (length != 0 && length != filters && length != (long)filters * g.OutputPositions)
            throw new ArgumentException($"{op}: {name} has {length} values but must be empty, F = {filters} (tied) " +
                $"or [F={filters}, OH={g.OutputHeight}, OW={g.OutputWidth}] = {(long)filters * g.OutputPositions} " +
                "(untied).", name);
    }

    private static void CheckScratch(Conv2dGeometry g, int batch, int filters, int length, int needed, string op)
    {
        if (length < needed)
            throw new ArgumentException($"{op}: scratch has {length} floats but needs {needed} " +
                $"(S·OH·OW = {(long)ChunkSamples(g, batch) * g.OutputPositions} columns of C·KH·KW = {g.ColumnCount} plus F = {filters}); " +
                $"geometry: {g}.", "scratch");
    }

    private static long CheckTransposeShape(int batch, int positions, int filters, string op)
    {
        if (batch < 1 || positions < 1 || filters < 1)
            throw new ArgumentException($"{op}: batch, positions and filters must be at least 1 but are " +
                $"B={batch}, P={positions}, F={filters}.");
        return (long)batch * positions * filters;
    }

    /// <summary>Throws unless <paramref name="length"/> equals <paramref name="expected"/>; the shape text is only formatted on failure.</summary>
    internal static void CheckLength(int length, long expected, string op, string name,
        [InterpolatedStringHandlerArgument(nameof(length), nameof(expected))] ref LengthMismatchHandler shape)
    {
        if (length != expected)
            throw new ArgumentException($"{op}: {name} has {length} elements but {shape.ToStringAndClear()} needs {expected}.", name);
    }

    /// <summary>Builds the shape text of a length check only when the lengths differ, so passing checks allocate nothing.</summary>
    [InterpolatedStringHandler]
    internal ref struct LengthMismatchHandler
    {
        private DefaultInterpolatedStringHandler _inner;

        public LengthMismatchHandler(int literalLength, int formattedCount, int length, long expected, out bool mismatch)
        {
            mismatch = length != expected;
            _inner = mismatch ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _inner.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

        public string ToStringAndClear() => _inner.ToStringAndClear();
    }
}
