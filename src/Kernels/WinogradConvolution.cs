using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels;

/// <summary>
/// 3x3 convolutions with stride 1 and no dilation by Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray,
/// "Fast Algorithms for Convolutional Neural Networks", 2016): each 2x2 block of outputs costs 16 multiplies per
/// input channel instead of 36, so the three GEMMs of a training step do 16/36 of im2col's work. Same tensors,
/// layouts and results (up to rounding) as <see cref="ConvolutionKernels.Conv2dForward"/> and
/// <see cref="ConvolutionKernels.Conv2dBackward"/>.
/// </summary>
/// <remarks>
/// <para>The output is cut into TH·TW tiles of 2x2 (TH = ⌈OH/2⌉, TW = ⌈OW/2⌉); tile (ty, tx) reads the 4x4 input
/// patch at rows <c>2ty - padTop …</c>, columns <c>2tx - padLeft …</c> (zero outside the input; a last tile past an
/// odd output edge computes values that are dropped). With the transforms
/// <c>Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]</c>, <c>G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1]</c> and
/// <c>Aᵀ = [1 1 1 0; 0 1 -1 -1]</c>, and ξ indexing the 16 entries of a 4x4 tile:
/// <list type="bullet">
/// <item>Forward: <c>U = G·g·Gᵀ</c> per filter and channel, <c>V = Bᵀ·d·B</c> per channel and tile; 16 GEMMs
/// <c>M_ξ[F, N] = U_ξ[F, C] · V_ξ[C, N]</c> over the N tiles of a chunk of samples; <c>y = Aᵀ·M·A</c> per tile, plus
/// the bias.</item>
/// <item>Backward, the exact adjoint of the forward arithmetic: <c>Ŷ = A·dy·Aᵀ</c> per filter and tile;
/// <c>Z_ξ[F, C] = Σ_chunks Ŷ_ξ · V_ξᵀ</c> and <c>dW = Gᵀ·Z·G</c>; <c>X_ξ[C, N] = U_ξᵀ · Ŷ_ξ</c> and
/// <c>dx = Σ_tiles B·X·Bᵀ</c>, the 4x4 patches added where they overlap.</item>
/// </list></para>
/// <para>The transforms run over eight tiles at a time in vector registers. Work is split as in
/// <see cref="ConvolutionKernels"/>: chunks of samples fixed by the geometry and the batch
/// (<see cref="ChunkSamples"/>), each part of the batch on its own scratch slot with single-threaded GEMMs, partial
/// weight gradients per group of chunks summed in group order, so results are bitwise identical for any thread count.
/// Steady-state calls allocate nothing.</para>
/// </remarks>
public static unsafe class WinogradConvolution
{
    /// <summary>Entries of a transformed 4x4 tile, and GEMMs per chunk and pass.</summary>
    private const int Xi = 16;

    /// <summary>Tiles per chunk the driver aims for: its transformed inputs and products (16·(C + F) floats a tile) stay in L2.</summary>
    public const int ChunkTiles = 192;

    /// <summary>Fewest input channels and filters from which <see cref="Preferred"/> picks this algorithm: below, the
    /// transforms cost more than the multiplies they save.</summary>
    public const int MinChannels = 16;

    /// <summary>True when the geometry is one this algorithm computes: a 3x3 kernel, stride 1, dilation 1 (any padding).</summary>
    public static bool Supports(Conv2dGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return geometry.KernelHeight == 3 && geometry.KernelWidth == 3 && geometry.StrideHeight == 1 &&
               geometry.StrideWidth == 1 && geometry.DilationHeight == 1 && geometry.DilationWidth == 1;
    }

    /// <summary>
    /// True when this algorithm is the faster choice: <see cref="Supports"/> the geometry, with at least
    /// <see cref="MinChannels"/> input channels and filters, on hardware with 512-bit vectors.
    /// </summary>
    public static bool Preferred(Conv2dGeometry geometry, int filters)
        => Supports(geometry) && geometry.Channels >= MinChannels && filters >= MinChannels && Vector512.IsHardwareAccelerated;

    /// <summary>Samples per chunk: the batch split into the fewest chunks of at most <see cref="ChunkTiles"/> tiles (at least one sample each), sized evenly.</summary>
    public static int ChunkSamples(Conv2dGeometry geometry, int batch)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return ConvolutionKernels.EvenChunk(batch, TileRows(geometry) * TileColumns(geometry), ChunkTiles);
    }

    /// <summary>Floats of scratch <see cref="Conv2dForward"/> needs: per core one chunk's transformed inputs and products, and the transformed weights.</summary>
    /// <exception cref="ArgumentException">The geometry is not supported, batch or filters is less than 1, or the size exceeds <see cref="int.MaxValue"/>.</exception>
    public static int ForwardScratchLength(Conv2dGeometry geometry, int batch, int filters)
        => ScratchLength(geometry, batch, filters, backward: false, nameof(ForwardScratchLength));

    /// <summary>Floats of scratch <see cref="Conv2dBackward"/> needs: what the forward pass needs, one partial
    /// transformed weight gradient per group of chunks and B·F plane sums of dY (for a tied bias).</summary>
    /// <exception cref="ArgumentException">The geometry is not supported, batch or filters is less than 1, or the size exceeds <see cref="int.MaxValue"/>.</exception>
    public static int BackwardScratchLength(Conv2dGeometry geometry, int batch, int filters)
        => ScratchLength(geometry, batch, filters, backward: true, nameof(BackwardScratchLength));

    /// <summary>Forward convolution of a batch, as <see cref="ConvolutionKernels.Conv2dForward"/> computes it.</summary>
    /// <param name="geometry">The convolution's shape; <see cref="Supports"/> must hold.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="filters">Filters F.</param>
    /// <param name="input">x, [B, C, H, W].</param>
    /// <param name="weights">w, [F, C, 3, 3].</param>
    /// <param name="bias">Empty, F values (tied) or F·OH·OW values (untied).</param>
    /// <param name="output">y, [B, F, OH, OW]; overwritten.</param>
    /// <param name="scratch">At least <see cref="ForwardScratchLength"/> floats; overwritten.</param>
    /// <exception cref="ArgumentException">The geometry is not supported, a span's length does not match the shapes, or scratch is too short.</exception>
    public static void Conv2dForward(Conv2dGeometry geometry, int batch, int filters, ReadOnlySpan<float> input,
        ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, Span<float> scratch)
    {
        const string op = nameof(Conv2dForward);
        int needed = ScratchLength(geometry, batch, filters, backward: false, op);
        ConvolutionKernels.CheckForward(geometry, batch, filters, input.Length, weights.Length, bias.Length, output.Length, op);
        CheckScratch(scratch.Length, needed, op, geometry);
        fixed (float* x = input, w = weights, bi = bias, y = output, s = scratch)
        {
            WinogradJob job = WinogradJob.For(geometry, batch, filters, x, w, s);
            job.Bias = bi;
            job.BiasLength = bias.Length;
            job.Output = y;
            job.Run();
        }
    }

    /// <summary>
    /// Backward convolution of a batch, as <see cref="ConvolutionKernels.Conv2dBackward"/> computes it: dW, the bias
    /// gradient and, unless <paramref name="inputGradient"/> is empty, dX; all overwritten.
    /// </summary>
    /// <param name="geometry">The convolution's shape; <see cref="Supports"/> must hold.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="filters">Filters F.</param>
    /// <param name="input">x of the forward pass, [B, C, H, W].</param>
    /// <param name="weights">w, [F, C, 3, 3].</param>
    /// <param name="outputGradient">dY, [B, F, OH, OW].</param>
    /// <param name="weightGradient">dW, [F, C, 3, 3]; overwritten.</param>
    /// <param name="biasGradient">Empty (no bias), F (tied) or F·OH·OW (untied) values; overwritten.</param>
    /// <param name="inputGradient">dX, [B, C, H, W], overwritten; or empty to skip it.</param>
    /// <param name="scratch">At least <see cref="BackwardScratchLength"/> floats; overwritten.</param>
    /// <exception cref="ArgumentException">The geometry is not supported, a span's length does not match the shapes, or scratch is too short.</exception>
    public static void Conv2dBackward(Conv2dGeometry geometry, int batch, int filters, ReadOnlySpan<float> input,
        ReadOnlySpan<float> weights, ReadOnlySpan<float> outputGradient, Span<float> weightGradient,
        Span<float> biasGradient, Span<float> inputGradient, Span<float> scratch)
    {
        const string op = nameof(Conv2dBackward);
        int needed = ScratchLength(geometry, batch, filters, backward: true, op);
        ConvolutionKernels.CheckBackward(geometry, batch, filters, input.Length, weights.Length, outputGradient.Length,
            weightGradient.Length, biasGradient.Length, inputGradient.Length, op);
        CheckScratch(scratch.Length, needed, op, geometry);

        bool tied = biasGradient.Length == filters;
        fixed (float* x = input, w = weights, dy = outputGradient, dw = weightGradient, dx = inputGradient, s = scratch, db = biasGradient)
        {
            WinogradJob job = WinogradJob.For(geometry, batch, filters, x, w, s);
            job.OutputGradient = dy;
            job.InputGradient = inputGradient.IsEmpty ? null : dx;
            job.WeightGradient = dw;
            job.BiasGradient = tied ? db : null;
            job.Run();
        }
        if (!biasGradient.IsEmpty && !tied)
            ConvolutionKernels.BiasGradient(batch, filters, geometry.OutputPositions, outputGradient, biasGradient);
    }

    // ---- layout ---------------------------------------------------------------------------------------------------

    private static int TileRows(Conv2dGeometry g) => (g.OutputHeight + 1) / 2;

    private static int TileColumns(Conv2dGeometry g) => (g.OutputWidth + 1) / 2;

    /// <summary>Row stride of the backward pass's [rows, N] matrices: N plus room for the eight-lane stores that run past
    /// the last tile, rounded up to 32 so that the input gradient's micro-kernel reads and writes whole 32-column panels inside a row.</summary>
    private static int RowStride(Conv2dGeometry g, int chunk) => RoundUp(chunk * TileRows(g) * TileColumns(g) + 8, 32);

    /// <summary>Width of the zero-padded plane buffers: every 16-float load and store of a row stays inside.</summary>
    private static int PadWidth(Conv2dGeometry g) => 2 * RoundUp(TileColumns(g) + 1, 8) + 16;

    private static int PadRows(Conv2dGeometry g) => 2 * TileRows(g) + 2;

    /// <summary>
    /// One part's scratch, the larger of the two passes' needs, then three padded plane buffers. Backward: transformed
    /// inputs [16, C, ld] and output gradients [16, F, ld], rows of compact tiles. Forward: transformed inputs as the
    /// micro-kernel's B panels (<see cref="ForwardColumns"/>) and products [16, F8, columns] (F rounded up to 8).
    /// </summary>
    private static long SlotLength(Conv2dGeometry g, int chunk, int filters)
    {
        int ld = RowStride(g, chunk), columns = ForwardColumns(g, chunk);
        long backward = Xi * (BlockStride(RoundUp(g.Channels, 8), ld) + BlockStride(filters, ld)); // the input gradient [C8, ld] reuses V's space
        long forward = Xi * (BlockStride(g.Channels, columns) + BlockStride(RoundUp(filters, 8), columns));
        return Math.Max(backward, forward) + 3L * PadRows(g) * PadWidth(g);
    }

    /// <summary>Tiles a tile row takes in the forward pass: TW rounded up to 8, so that eight-tile stores never straddle two 32-column panels.</summary>
    private static int PaddedTileColumns(Conv2dGeometry g) => RoundUp(TileColumns(g), 8);

    /// <summary>Columns of the forward pass's B panels and products for a chunk: its padded tiles rounded up to 32 (one micro-kernel panel).</summary>
    private static int ForwardColumns(Conv2dGeometry g, int chunk) => RoundUp(chunk * TileRows(g) * PaddedTileColumns(g), 32);

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>
    /// Floats from one ξ's [rows, ld] matrix to the next: rows·ld, rounded up to 16 more than a multiple of 1024. The
    /// transforms read or write all 16 at once, eight tiles at a time; 4 KiB apart, their lines would all fall in the
    /// same L1 set (12 ways), one cache line apart they spread over 16 sets.
    /// </summary>
    private static long BlockStride(int rows, int ld)
    {
        long size = (long)rows * ld;
        return size + (16 - size % 1024 + 1024) % 1024;
    }

    private static int ScratchLength(Conv2dGeometry geometry, int batch, int filters, bool backward, string op)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (!Supports(geometry))
            throw new ArgumentException($"{op}: Winograd F(2x2, 3x3) takes a 3x3 kernel with stride 1 and dilation 1, not {geometry}.", nameof(geometry));
        ConvolutionKernels.CheckBatch(batch, op);
        if (filters < 1)
            throw new ArgumentException($"{op}: filters must be at least 1 but is {filters}.", nameof(filters));
        int chunk = ChunkSamples(geometry, batch), chunks = (batch + chunk - 1) / chunk;
        // U packed for the micro-kernel: as [F8 / 8, C, 8] panels (forward) or Uᵀ as [C8 / 8, F, 8] (backward).
        long weights = (long)Xi * Math.Max(RoundUp(filters, 8) * geometry.Channels, RoundUp(geometry.Channels, 8) * filters);
        long length = ConvolutionKernels.Slots(chunks) * SlotLength(geometry, chunk, filters) + weights + AlignmentSlack;
        if (backward)
            length += ConvolutionKernels.Groups(chunks) * weights + (long)batch * filters;
        if (length > int.MaxValue)
            throw new ArgumentException($"{op}: {filters} filters need {length} floats of scratch, more than a span holds. Geometry: {geometry}.", nameof(batch));
        return (int)length;
    }

    private static void CheckScratch(int length, int needed, string op, Conv2dGeometry g)
    {
        if (length < needed)
            throw new ArgumentException($"{op}: scratch has {length} floats but needs {needed}; geometry: {g}.", "scratch");
    }

    /// <summary>Floats skipped at the start of the scratch to put it on a cache line: every row of the transformed
    /// matrices then starts on one, and no 64-byte load or store straddles two lines.</summary>
    private const int AlignmentSlack = 16;

    // ---- the batch-parallel driver ------------------------------------------------------------------------------

    private sealed class WinogradJob : IParallelWork
    {
        [ThreadStatic] private static WinogradJob? t_cached;

        private Conv2dGeometry _g = null!;
        private int _batch, _filters, _channels, _chunk, _chunks, _groups, _parts, _tileRows, _tileColumns, _tiles, _ld;
        private int _padRows, _padWidth;
        private long _slot, _vStride, _yStride;
        private float* _x, _w, _scratch, _packedU, _partials, _planeSums;
        private int _paddedFilters, _paddedChannels, _paddedTileColumns, _forwardColumns;
        private long _forwardVStride, _forwardMStride;

        public float* Bias, Output, OutputGradient, InputGradient, WeightGradient, BiasGradient;
        public int BiasLength;

        public static WinogradJob For(Conv2dGeometry g, int batch, int filters, float* x, float* w, float* scratch)
        {
            WinogradJob job = t_cached ??= new WinogradJob();
            job._g = g;
            job._batch = batch;
            job._filters = filters;
            job._channels = g.Channels;
            job._chunk = ChunkSamples(g, batch);
            job._chunks = (batch + job._chunk - 1) / job._chunk;
            job._groups = ConvolutionKernels.Groups(job._chunks);
            int slots = ConvolutionKernels.Slots(job._chunks);
            job._parts = Math.Clamp(KernelSettings.MaxThreads, 1, slots);
            job._tileRows = TileRows(g);
            job._tileColumns = TileColumns(g);
            job._tiles = job._tileRows * job._tileColumns;
            job._ld = RowStride(g, job._chunk);
            job._padRows = PadRows(g);
            job._padWidth = PadWidth(g);
            job._slot = SlotLength(g, job._chunk, filters);
            job._vStride = BlockStride(RoundUp(g.Channels, 8), job._ld);
            job._yStride = BlockStride(filters, job._ld);
            job._x = x;
            job._w = w;
            scratch = (float*)(((nint)scratch + 63) & ~(nint)63);
            job._scratch = scratch;
            job._paddedFilters = RoundUp(filters, 8);
            job._paddedTileColumns = PaddedTileColumns(g);
            job._forwardColumns = ForwardColumns(g, job._chunk);
            job._forwardVStride = BlockStride(g.Channels, job._forwardColumns);
            job._forwardMStride = BlockStride(job._paddedFilters, job._forwardColumns);
            job._paddedChannels = RoundUp(g.Channels, 8);
            job._packedU = scratch + slots * job._slot;
            job._partials = job._packedU + (long)Xi * Math.Max(job._paddedFilters * g.Channels, job._paddedChannels * filters);
            job._planeSums = job._partials + (long)job._groups * Xi * filters * g.Channels;
            job.Bias = job.Output = job.OutputGradient = job.InputGradient = job.WeightGradient = job.BiasGradient = null;
            job.BiasLength = 0;
            return job;
        }

        public void Run()
        {
            try
            {
                TransformWeights();
                if (WeightGradient is not null) _parts = Math.Min(_parts, _groups);
                if (_parts == 1) Execute(0);
                else WorkerPool.Shared.Run(this, _parts);
                if (WeightGradient is not null)
                    WeightGradientFromPartials();
                if (BiasGradient is not null)
                    ConvolutionKernels.SumPlaneSums(_planeSums, _batch, _filters, BiasGradient);
            }
            finally
            {
                _x = _w = _scratch = _packedU = _partials = _planeSums = Bias = Output = OutputGradient = InputGradient = WeightGradient = BiasGradient = null;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Execute(int part)
        {
            float* slot = _scratch + part * _slot;
            // The padded plane buffers: outside the image their entries stay zero, as every plane is copied to the same place.
            new Span<float>(slot + _slot - 3L * _padRows * _padWidth, 3 * _padRows * _padWidth).Clear();
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

        // The forward pass writes V straight into the micro-kernel's B panels (32 tiles by C; tile rows padded to a
        // multiple of 8 tiles) and multiplies them by U, packed once per call, with no GEMM packing or edge tiles.
        private void Forward(int chunk, float* slot)
        {
            Conv2dGeometry g = _g;
            int c = _channels, fp = _paddedFilters, b0 = chunk * _chunk, s = Math.Min(_chunk, _batch - b0);
            int rowTiles = _paddedTileColumns, sampleTiles = _tileRows * rowTiles, ldm = _forwardColumns;
            int panels = (s * sampleTiles + 31) / 32;
            long vs = _forwardVStride, ms = _forwardMStride, panel = 32L * c;
            float* v = slot, m = v + Xi * vs, pad = slot + _slot - 3L * _padRows * _padWidth;
            float* tail = stackalloc float[16];
            for (int si = 0; si < s; si++)
                for (int ci = 0; ci < c; ci++)
                    TransformInput(_x + ((long)(b0 + si) * c + ci) * g.InputHeight * g.InputWidth, v + 32L * ci, vs, pad,
                        si * sampleTiles, rowTiles, panel);
            for (int xi = 0; xi < Xi; xi++)
            {
                float* u = _packedU + (long)xi * fp * c, b = v + xi * vs, product = m + xi * ms;
                for (int j = 0; j < panels; j++)
                    for (int p = 0; p < fp; p += 8)
                        Avx512MicroKernel8.Run(c, u + (long)p * c, b + j * panel, product + (long)p * ldm + 32 * j, ldm, 1f, 0f);
            }
            int positions = g.OutputPositions, f = _filters;
            bool tied = BiasLength == f, untied = BiasLength != 0 && !tied;
            for (int si = 0; si < s; si++)
                for (int fi = 0; fi < f; fi++)
                {
                    float* y = Output + ((long)(b0 + si) * f + fi) * positions;
                    TransformOutput(m + (long)fi * ldm + si * sampleTiles, ms, rowTiles, y, tied ? Bias[fi] : 0f, tail);
                    if (untied)
                        TensorPrimitives.Add(new ReadOnlySpan<float>(y, positions), new ReadOnlySpan<float>(Bias + (long)fi * positions, positions), new Span<float>(y, positions));
                }
        }

        private void Backward(int chunk, float* slot, int group, bool accumulate)
        {
            Conv2dGeometry g = _g;
            int c = _channels, f = _filters, ld = _ld, b0 = chunk * _chunk, s = Math.Min(_chunk, _batch - b0), n = s * _tiles;
            int positions = g.OutputPositions, plane = g.InputHeight * g.InputWidth;
            long padSize = (long)_padRows * _padWidth;
            long vs = _vStride, ys = _yStride;
            float* v = slot, dyt = v + Xi * vs, pad = slot + _slot - 3 * padSize, dyPad = pad + padSize, sum = dyPad + padSize;
            for (int si = 0; si < s; si++)
                for (int ci = 0; ci < c; ci++)
                    TransformInput(_x + ((long)(b0 + si) * c + ci) * plane, v + (long)ci * ld, vs, pad, si * _tiles, _tileColumns, 32);
            for (int si = 0; si < s; si++)
                for (int fi = 0; fi < f; fi++)
                {
                    float* dy = OutputGradient + ((long)(b0 + si) * f + fi) * positions;
                    if (BiasGradient is not null)
                        _planeSums[(long)(b0 + si) * f + fi] = TensorPrimitives.Sum(new ReadOnlySpan<float>(dy, positions));
                    TransformOutputGradient(dy, dyt + (long)fi * ld + si * _tiles, ys, dyPad);
                }
            float beta = accumulate ? 1f : 0f;
            float* partial = _partials + (long)group * Xi * f * c;
            for (int xi = 0; xi < Xi; xi++) // Z_ξ[F, C] (+)= Ŷ_ξ[F, N] · V_ξ[C, N]ᵀ
                Gemm.Multiply(false, true, f, c, n, 1f, new ReadOnlySpan<float>(dyt + xi * ys, f * ld), ld,
                    new ReadOnlySpan<float>(v + xi * vs, c * ld), ld, beta,
                    new Span<float>(partial + (long)xi * f * c, f * c), c, maxThreads: 1);
            if (InputGradient is null)
                return;
            // X_ξ[C8, N] = U_ξ[F, C]ᵀ · Ŷ_ξ[F, N] into V's space: Uᵀ packed once per call, Ŷ read in place 32 columns at a time.
            int panels = (n + 31) / 32, cp = _paddedChannels;
            for (int xi = 0; xi < Xi; xi++)
            {
                float* ut = _packedU + (long)xi * cp * f, b = dyt + xi * ys, x = v + xi * vs;
                for (int j = 0; j < panels; j++)
                    for (int p = 0; p < cp; p += 8)
                        Avx512MicroKernel8.RunStridedB(f, ut + (long)p * f, b + 32 * j, ld, x + (long)p * ld + 32 * j, ld, 1f, 0f);
            }
            for (int si = 0; si < s; si++)
                for (int ci = 0; ci < c; ci++)
                    TransformInputGradient(v + (long)ci * ld + si * _tiles, vs, sum, InputGradient + ((long)(b0 + si) * c + ci) * plane);
        }

        // U[ξ = 4k + l] = (G·g·Gᵀ)[k, l] for each filter f and channel c, packed for the micro-kernel.
        private void TransformWeights()
        {
            int f = _filters, c = _channels;
            bool forward = Output is not null;
            if (forward ? f != _paddedFilters : c != _paddedChannels) // the padding rows stay zero
                new Span<float>(_packedU, Xi * (forward ? _paddedFilters * c : _paddedChannels * f)).Clear();
            float* t = stackalloc float[12];
            for (int fi = 0; fi < f; fi++)
                for (int ci = 0; ci < c; ci++)
                {
                    float* g = _w + ((long)fi * c + ci) * 9;
                    for (int j = 0; j < 3; j++)
                    {
                        float g0 = g[j], g1 = g[3 + j], g2 = g[6 + j];
                        t[j] = g0;
                        t[3 + j] = 0.5f * (g0 + g1 + g2);
                        t[6 + j] = 0.5f * (g0 - g1 + g2);
                        t[9 + j] = g2;
                    }
                    // The 8-row micro-kernel's A panels: U_ξ as [F8 / 8, C, 8] (forward) or U_ξᵀ as [C8 / 8, F, 8] (backward).
                    float* u = forward ? _packedU + ((long)(fi / 8) * c + ci) * 8 + fi % 8 : _packedU + ((long)(ci / 8) * f + fi) * 8 + ci % 8;
                    long step = forward ? (long)_paddedFilters * c : (long)_paddedChannels * f;
                    for (int k = 0; k < 4; k++)
                    {
                        float t0 = t[3 * k], t1 = t[3 * k + 1], t2 = t[3 * k + 2];
                        u[(4 * k) * step] = t0;
                        u[(4 * k + 1) * step] = 0.5f * (t0 + t1 + t2);
                        u[(4 * k + 2) * step] = 0.5f * (t0 - t1 + t2);
                        u[(4 * k + 3) * step] = t2;
                    }
                }
        }

        // Z = Σ_groups partial (in group order); dW[f, c] = Gᵀ·Z·G.
        private void WeightGradientFromPartials()
        {
            int f = _filters, c = _channels, groups = _groups;
            long stride = (long)f * c, groupStride = Xi * stride;
            float* z = stackalloc float[Xi];
            float* s = stackalloc float[12];
            for (long fc = 0; fc < stride; fc++)
            {
                for (int xi = 0; xi < Xi; xi++)
                {
                    float sum = _partials[xi * stride + fc];
                    for (int group = 1; group < groups; group++) sum += _partials[group * groupStride + xi * stride + fc];
                    z[xi] = sum;
                }
                for (int j = 0; j < 4; j++) // s = Gᵀ·Z, 3x4
                {
                    float z0 = z[j], z1 = z[4 + j], z2 = z[8 + j], z3 = z[12 + j];
                    s[j] = z0 + 0.5f * (z1 + z2);
                    s[4 + j] = 0.5f * (z1 - z2);
                    s[8 + j] = 0.5f * (z1 + z2) + z3;
                }
                float* dw = WeightGradient + fc * 9;
                for (int i = 0; i < 3; i++) // dW = s·G, 3x3
                {
                    float s0 = s[4 * i], s1 = s[4 * i + 1], s2 = s[4 * i + 2], s3 = s[4 * i + 3];
                    dw[3 * i] = s0 + 0.5f * (s1 + s2);
                    dw[3 * i + 1] = 0.5f * (s1 - s2);
                    dw[3 * i + 2] = 0.5f * (s1 + s2) + s3;
                }
            }
        }

        // ---- tile transforms, eight tiles of a tile row at a time -----------------------------------------------

        // V[ξ][n] = (Bᵀ·d·B)[k, l] for the plane's tiles, tile (ty, tx) being n = first + ty·rowTiles + tx, written at
        // dst + ξ·xiStride + (n / 32)·panelStride + n % 32: a row of compact tiles when panelStride is 32 (eight-lane
        // stores past a row's last tile land on the next row's tiles, written later, or in the row stride's slack), or
        // the micro-kernel's B panels when rows are padded to 8 tiles and panelStride is 32·C.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void TransformInput(float* image, float* dst, long xiStride, float* pad, int first, int rowTiles, long panelStride)
        {
            Conv2dGeometry g = _g;
            int width = g.InputWidth, pw = _padWidth, tw = _tileColumns;
            float* origin = pad + (long)g.PadTop * pw + g.PadLeft;
            for (int ih = 0; ih < g.InputHeight; ih++)
                CopyRow(image + (long)ih * width, origin + (long)ih * pw, width);
            for (int ty = 0; ty < _tileRows; ty++)
            {
                float* a = pad + 2L * ty * pw, b = a + pw, c = b + pw, d = c + pw;
                int row = first + ty * rowTiles;
                for (int tx = 0; tx < tw; tx += 8)
                {
                    int o = 2 * tx, n = row + tx;
                    Vector512<float> a0 = Vector512.Load(a + o), b0 = Vector512.Load(b + o), c0 = Vector512.Load(c + o), d0 = Vector512.Load(d + o);
                    Vector512<float> a2 = Vector512.Load(a + o + 2), b2 = Vector512.Load(b + o + 2), c2 = Vector512.Load(c + o + 2), d2 = Vector512.Load(d + o + 2);
                    float* t = dst + (n >> 5) * panelStride + (n & 31);
                    ColumnTransform(a0 - c0, a2 - c2, t, xiStride);
                    ColumnTransform(b0 + c0, b2 + c2, t + 4 * xiStride, xiStride);
                    ColumnTransform(c0 - b0, c2 - b2, t + 8 * xiStride, xiStride);
                    ColumnTransform(b0 - d0, b2 - d2, t + 12 * xiStride, xiStride);
                }
            }
        }

        // r holds a row-transformed line at columns 2tx…, r2 the same line two columns on: stores (r·B)[l] for l = 0..3.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void ColumnTransform(Vector512<float> r, Vector512<float> r2, float* t, long xiStride)
        {
            Vector512<float> p = Deinterleave(r), p2 = Deinterleave(r2);
            Vector256<float> e = p.GetLower(), o = p.GetUpper(), e2 = p2.GetLower(), o2 = p2.GetUpper();
            Vector256.Store(e - e2, t);
            Vector256.Store(o + e2, t + xiStride);
            Vector256.Store(e2 - o, t + 2 * xiStride);
            Vector256.Store(o - o2, t + 3 * xiStride);
        }

        // y = Aᵀ·M·A (+ bias) for the plane's tiles, M[ξ][t] read at src + ξ·xiStride + t.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void TransformOutput(float* src, long xiStride, int rowTiles, float* y, float bias, float* tail)
        {
            int oh = _g.OutputHeight, ow = _g.OutputWidth, tw = _tileColumns;
            Vector256<float> b = Vector256.Create(bias);
            for (int ty = 0; ty < _tileRows; ty++)
            {
                float* row = src + ty * rowTiles, y0 = y + 2L * ty * ow;
                bool second = 2 * ty + 1 < oh;
                for (int tx = 0; tx < tw; tx += 8)
                {
                    float* m = row + tx;
                    Vector256<float> t00 = Line(m, 0, xiStride), t01 = Line(m, 1, xiStride), t02 = Line(m, 2, xiStride), t03 = Line(m, 3, xiStride);
                    Vector256<float> t10 = Line2(m, 0, xiStride), t11 = Line2(m, 1, xiStride), t12 = Line2(m, 2, xiStride), t13 = Line2(m, 3, xiStride);
                    int count = Math.Min(16, ow - 2 * tx);
                    StoreRow(Interleave(t00 + t01 + t02 + b, t01 - t02 - t03 + b), y0 + 2 * tx, count, tail);
                    if (second)
                        StoreRow(Interleave(t10 + t11 + t12 + b, t11 - t12 - t13 + b), y0 + ow + 2 * tx, count, tail);
                }
            }
        }

        // (Aᵀ·M)[0, l] = M[0, l] + M[1, l] + M[2, l].
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Line(float* m, int l, long xiStride)
            => Vector256.Load(m + l * xiStride) + Vector256.Load(m + (4 + l) * xiStride) + Vector256.Load(m + (8 + l) * xiStride);

        // (Aᵀ·M)[1, l] = M[1, l] - M[2, l] - M[3, l].
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Line2(float* m, int l, long xiStride)
            => Vector256.Load(m + (4 + l) * xiStride) - Vector256.Load(m + (8 + l) * xiStride) - Vector256.Load(m + (12 + l) * xiStride);

        // Ŷ[ξ][t] = (A·dy·Aᵀ)[k, l] for the plane's tiles (dy zero past the output's edge), written as TransformInput writes V.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void TransformOutputGradient(float* dy, float* dst, long xiStride, float* pad)
        {
            int ow = _g.OutputWidth, pw = _padWidth, tw = _tileColumns;
            for (int oh = 0; oh < _g.OutputHeight; oh++)
                CopyRow(dy + (long)oh * ow, pad + (long)oh * pw, ow);
            for (int ty = 0; ty < _tileRows; ty++)
            {
                float* g0 = pad + 2L * ty * pw, g1 = g0 + pw, row = dst + ty * tw;
                for (int tx = 0; tx < tw; tx += 8)
                {
                    Vector512<float> p0 = Deinterleave(Vector512.Load(g0 + 2 * tx)), p1 = Deinterleave(Vector512.Load(g1 + 2 * tx));
                    Vector256<float> e0 = p0.GetLower(), o0 = p0.GetUpper(), e1 = p1.GetLower(), o1 = p1.GetUpper();
                    float* t = row + tx;
                    GradientColumns(e0, o0, t, xiStride);
                    GradientColumns(e0 + e1, o0 + o1, t + 4 * xiStride, xiStride);
                    GradientColumns(e0 - e1, o0 - o1, t + 8 * xiStride, xiStride);
                    GradientColumns(-e1, -o1, t + 12 * xiStride, xiStride);
                }
            }
        }

        // (u·Aᵀ)[l] for a row u = (e, o) of A·dy.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void GradientColumns(Vector256<float> e, Vector256<float> o, float* t, long xiStride)
        {
            Vector256.Store(e, t);
            Vector256.Store(e + o, t + xiStride);
            Vector256.Store(e - o, t + 2 * xiStride);
            Vector256.Store(-o, t + 3 * xiStride);
        }

        // dx = Σ_tiles B·X·Bᵀ, each 4x4 patch added at rows 2ty - padTop …, columns 2tx - padLeft … in the padded
        // buffer (tile by tile in row order, so every pixel sums its patches in a fixed order), then the image's part
        // copied out. Lanes past a row's last tile are masked to zero; the block after the last tile carries the last
        // patch's two right-hand columns.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void TransformInputGradient(float* src, long xiStride, float* sum, float* dx)
        {
            Conv2dGeometry g = _g;
            int pw = _padWidth, tw = _tileColumns, width = g.InputWidth;
            new Span<float>(sum, _padRows * pw).Clear();
            Vector256<int> lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            Vector256<float> first = Vector256.Create(-1, 0, 0, 0, 0, 0, 0, 0).AsSingle();
            for (int ty = 0; ty < _tileRows; ty++)
            {
                float* row = src + ty * tw, q = sum + 2L * ty * pw;
                Vector256<float> carry0 = default, carry1 = default, carry2 = default, carry3 = default; // rotated q₂ of the last block, per patch row
                Vector256<float> carry0b = default, carry1b = default, carry2b = default, carry3b = default; // rotated q₃
                for (int tx = 0; tx <= tw; tx += 8)
                {
                    Vector256<float> valid = Vector256.LessThan(lane, Vector256.Create(tw - tx)).AsSingle();
                    float* m = row + tx;
                    Vector256<float> x0 = Masked(m, 0, xiStride, valid), x1 = Masked(m, 1, xiStride, valid), x2 = Masked(m, 2, xiStride, valid), x3 = Masked(m, 3, xiStride, valid);
                    Vector256<float> x4 = Masked(m, 4, xiStride, valid), x5 = Masked(m, 5, xiStride, valid), x6 = Masked(m, 6, xiStride, valid), x7 = Masked(m, 7, xiStride, valid);
                    Vector256<float> x8 = Masked(m, 8, xiStride, valid), x9 = Masked(m, 9, xiStride, valid), x10 = Masked(m, 10, xiStride, valid), x11 = Masked(m, 11, xiStride, valid);
                    Vector256<float> x12 = Masked(m, 12, xiStride, valid), x13 = Masked(m, 13, xiStride, valid), x14 = Masked(m, 14, xiStride, valid), x15 = Masked(m, 15, xiStride, valid);
                    // w = B·X (rows): w0 = X0, w1 = X1 - X2 + X3, w2 = -X0 + X1 + X2, w3 = -X3, per column l.
                    int o = 2 * tx;
                    PatchRow(x0, x1, x2, x3, q + o, first, ref carry0, ref carry0b);
                    PatchRow(x4 - x8 + x12, x5 - x9 + x13, x6 - x10 + x14, x7 - x11 + x15, q + pw + o, first, ref carry1, ref carry1b);
                    PatchRow(x4 + x8 - x0, x5 + x9 - x1, x6 + x10 - x2, x7 + x11 - x3, q + 2 * pw + o, first, ref carry2, ref carry2b);
                    PatchRow(-x12, -x13, -x14, -x15, q + 3 * pw + o, first, ref carry3, ref carry3b);
                }
            }
            float* origin = sum + (long)g.PadTop * pw + g.PadLeft;
            for (int ih = 0; ih < g.InputHeight; ih++)
                CopyRow(origin + (long)ih * pw, dx + (long)ih * width, width);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Masked(float* m, int xi, long xiStride, Vector256<float> valid)
            => Vector256.Load(m + xi * xiStride) & valid;

        // One patch row w (columns l = 0..3 over eight tiles) times Bᵀ: q0 = w0, q1 = w1 - w2 + w3, q2 = -w0 + w1 + w2,
        // q3 = -w3; tile tx adds q0, q1 at columns 2tx, 2tx + 1 and q2, q3 at 2tx + 2, 2tx + 3, so column 2tx gets
        // q0[tx] + q2[tx - 1] and 2tx + 1 gets q1[tx] + q3[tx - 1] (the lane before the block comes from the carry).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void PatchRow(Vector256<float> w0, Vector256<float> w1, Vector256<float> w2, Vector256<float> w3,
            float* q, Vector256<float> first, ref Vector256<float> carry2, ref Vector256<float> carry3)
        {
            Vector256<float> q2 = w1 + w2 - w0, q3 = -w3;
            Vector256<float> r2 = Rotate(q2), r3 = Rotate(q3);
            Vector256<float> even = w0 + Vector256.ConditionalSelect(first, carry2, r2);
            Vector256<float> odd = w1 - w2 + w3 + Vector256.ConditionalSelect(first, carry3, r3);
            carry2 = r2;
            carry3 = r3;
            Vector512.Store(Vector512.Load(q) + Interleave(even, odd), q);
        }

        /// <summary>[v7, v0, v1, …, v6].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Rotate(Vector256<float> v) => Vector256.Shuffle(v, Vector256.Create(7, 0, 1, 2, 3, 4, 5, 6));

        /// <summary>[v0, v2, …, v14, v1, v3, …, v15]: the even columns in the lower half, the odd in the upper.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Deinterleave(Vector512<float> v)
            => Vector512.Shuffle(v, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15));

        /// <summary>[e0, o0, e1, o1, …, e7, o7].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Interleave(Vector256<float> e, Vector256<float> o)
            => Vector512.Shuffle(Vector512.Create(e, o), Vector512.Create(0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15));

        /// <summary>dst[0..n) = src[0..n) for the short rows of an image (a call to Memmove per row would cost more than the copy).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void CopyRow(float* src, float* dst, int n)
        {
            if (n >= 16)
            {
                int i = 0;
                for (; i <= n - 16; i += 16) Vector512.Store(Vector512.Load(src + i), dst + i);
                if (i < n) Vector512.Store(Vector512.Load(src + n - 16), dst + n - 16); // overlapping tail: the same values
            }
            else if (n >= 8)
            {
                Vector256.Store(Vector256.Load(src), dst);
                Vector256.Store(Vector256.Load(src + n - 8), dst + n - 8);
            }
            else
            {
                for (int i = 0; i < n; i++) dst[i] = src[i];
            }
        }

        /// <summary>Writes the first <paramref name="count"/> (1..16) lanes of <paramref name="v"/> to <paramref name="dst"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreRow(Vector512<float> v, float* dst, int count, float* tail)
        {
            if (count >= 16)
            {
                Vector512.Store(v, dst);
                return;
            }
            if (Avx512F.IsSupported)
            {
                Avx512F.MaskStore(dst, Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(count)).AsSingle(), v);
                return;
            }
            Vector512.Store(v, tail);
            if (count >= 8)
            {
                Vector256.Store(Vector256.Load(tail), dst);
                Vector256.Store(Vector256.Load(tail + count - 8), dst + count - 8); // overlapping: the same values
                return;
            }
            for (int i = 0; i < count; i++) dst[i] = tail[i];
        }
    }
}
