using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels;

/// <summary>
/// 2-D convolution (cross-correlation, as in PyTorch) on float tensors laid out batch-first, channel-first and
/// row-major: images [B, C, H, W], weights [F, C, KH, KW], outputs [B, F, OH, OW]. The convolution is lowered to
/// one GEMM over the whole batch via im2col.
/// </summary>
/// <remarks>
/// <para>With M = B·OH·OW output positions, K = C·KH·KW (<see cref="Conv2dGeometry.ColumnCount"/>) and F filters:
/// <list type="bullet">
/// <item><see cref="Im2Col"/> builds col [M, K]: row <c>(b·OH + oh)·OW + ow</c>, column <c>(c·KH + kh)·KW + kw</c>
/// holds <c>x[b, c, oh·sh - padTop + kh·dh, ow·sw - padLeft + kw·dw]</c> (0 in the padding).</item>
/// <item>Forward: <c>Yrows[M, F] = col · Wᵀ</c> (GEMM NT, W stored [F, K]), then <see cref="RowsToChannels"/>
/// transposes each sample's [OH·OW, F] block to [F, OH·OW] and adds the bias.</item>
/// <item>Backward: <see cref="ChannelsToRows"/> turns dY [B, F, OH·OW] into dYrows [M, F];
/// <c>dW[F, K] = dYrowsᵀ · col</c> (GEMM TN); <c>dcol[M, K] = dYrows · W</c> (GEMM NN); <see cref="Col2Im"/> sums
/// dcol back into dX; <see cref="BiasGradient"/> sums dY into db.</item>
/// </list></para>
/// <para>A bias is given by its length: empty for none, F for a tied bias (one per filter, added at every output
/// position) or F·OH·OW for an untied bias laid out [F, OH, OW] (one per filter and output position). When
/// OH·OW = 1 the two coincide.</para>
/// <para>Kernels split work over up to <see cref="KernelSettings.MaxThreads"/> threads by whole units (output rows,
/// input planes, samples or filters) chosen from the shapes alone; each output element is written by one thread
/// and accumulated in a fixed order, so results are bitwise identical for any thread count. Steady-state calls
/// allocate nothing. Outputs must not overlap inputs. Span lengths must match the shapes exactly (scratch may be
/// longer than needed); mismatches throw <see cref="ArgumentException"/> giving the shapes.</para>
/// </remarks>
public static unsafe class ConvolutionKernels
{
    /// <summary>
    /// Floats of scratch <see cref="Conv2dForward"/> needs: <c>M·K + M·F</c> with M = batch·OH·OW and
    /// K = C·KH·KW (the im2col matrix, then the GEMM's [M, F] output rows).
    /// </summary>
    /// <exception cref="ArgumentException">batch or filters is less than 1, or the size exceeds <see cref="int.MaxValue"/>.</exception>
    public static int ForwardScratchLength(Conv2dGeometry geometry, int batch, int filters)
        => ScratchLength(geometry, batch, filters, nameof(ForwardScratchLength));

    /// <summary>
    /// Floats of scratch <see cref="Conv2dBackward"/> needs: <c>M·K + M·F</c>, the same as the forward pass (the
    /// im2col matrix, reused for dcol once dW is done, and dY as [M, F] rows).
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
        int m = batch * geometry.OutputPositions, k = geometry.ColumnCount;
        CheckInput(geometry, batch, input.Length, op, nameof(input));
        CheckWeights(geometry, filters, weights.Length, op, nameof(weights));
        CheckBias(geometry, filters, bias.Length, op, nameof(bias));
        CheckOutput(geometry, batch, filters, output.Length, op, nameof(output));
        CheckScratch(geometry, batch, filters, scratch.Length, needed, op);

        Span<float> columns = scratch[..(m * k)];
        Span<float> rows = scratch.Slice(m * k, m * filters);
        Im2Col(geometry, batch, input, columns);
        Gemm.Multiply(false, true, m, filters, k, columns, weights, rows);
        RowsToChannels(batch, geometry.OutputPositions, filters, rows, bias, output);
    }

    /// <summary>
    /// Backward convolution of a batch: the weight gradient <c>dW = dYrowsᵀ · col</c>, the bias gradient (summed
    /// over the batch, and over positions if tied) and, if <paramref name="inputGradient"/> is not empty, the input
    /// gradient <c>dX = col2im(dYrows · W)</c>.
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
        int m = batch * geometry.OutputPositions, k = geometry.ColumnCount;
        CheckInput(geometry, batch, input.Length, op, nameof(input));
        CheckWeights(geometry, filters, weights.Length, op, nameof(weights));
        CheckOutput(geometry, batch, filters, outputGradient.Length, op, nameof(outputGradient));
        CheckWeights(geometry, filters, weightGradient.Length, op, nameof(weightGradient));
        CheckBias(geometry, filters, biasGradient.Length, op, nameof(biasGradient));
        if (!inputGradient.IsEmpty)
            CheckInput(geometry, batch, inputGradient.Length, op, nameof(inputGradient));
        CheckScratch(geometry, batch, filters, scratch.Length, needed, op);

        Span<float> columns = scratch[..(m * k)];
        Span<float> rows = scratch.Slice(m * k, m * filters);
        Im2Col(geometry, batch, input, columns);
        ChannelsToRows(batch, filters, geometry.OutputPositions, outputGradient, rows);
        Gemm.Multiply(true, false, filters, k, m, rows, columns, weightGradient);
        if (!biasGradient.IsEmpty)
            BiasGradient(batch, filters, geometry.OutputPositions, outputGradient, biasGradient);
        if (inputGradient.IsEmpty)
            return;
        Gemm.Multiply(false, false, m, k, filters, rows, weights, columns); // dcol replaces col
        Col2Im(geometry, batch, columns, inputGradient);
    }

    /// <summary>
    /// Unfolds a batch into the im2col matrix col [B·OH·OW, C·KH·KW]:
    /// <c>col[(b·OH + oh)·OW + ow, (c·KH + kh)·KW + kw] = x[b, c, oh·sh - padTop + kh·dh, ow·sw - padLeft + kw·dw]</c>,
    /// 0 where the pixel lies in the padding.
    /// </summary>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="input">x, [B, C, H, W].</param>
    /// <param name="columns">col, [B·OH·OW, C·KH·KW]; overwritten.</param>
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
            var body = new Im2ColBody(geometry, x, col);
            ParallelRange.Run(body, batch * geometry.OutputHeight,
                (long)geometry.OutputWidth * geometry.ColumnCount);
        }
    }

    /// <summary>
    /// Folds an im2col-shaped gradient back onto the input, the adjoint of <see cref="Im2Col"/>: clears
    /// <paramref name="inputGradient"/>, then adds every <c>dcol[(b·OH + oh)·OW + ow, (c·KH + kh)·KW + kw]</c> to
    /// <c>dx[b, c, oh·sh - padTop + kh·dh, ow·sw - padLeft + kw·dw]</c> (entries in the padding are dropped).
    /// </summary>
    /// <remarks>Threads own whole input planes (b, c), and each plane sums its contributions in the order oh, kh,
    /// kw, ow, so the result is the same for any thread count.</remarks>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="columns">dcol, [B·OH·OW, C·KH·KW].</param>
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
            var body = new Col2ImBody(geometry, col, dx);
            ParallelRange.Run(body, batch * geometry.Channels,
                (long)geometry.OutputPositions * geometry.KernelHeight * geometry.KernelWidth);
        }
    }

    /// <summary>
    /// Per sample, transposes GEMM output rows [positions, filters] to channel-first [filters, positions] and adds
    /// the bias: <c>y[b, f, p] = rows[b·P + p, f] + bias</c>, where bias is 0 (empty), <c>bias[f]</c> (F values,
    /// tied) or <c>bias[f·P + p]</c> (F·P values, untied).
    /// </summary>
    /// <param name="batch">Samples B.</param>
    /// <param name="positions">Output positions per sample P = OH·OW.</param>
    /// <param name="filters">Filters F.</param>
    /// <param name="rows">[B, P, F] (equivalently [B·P, F]).</param>
    /// <param name="bias">Empty, F or F·P values.</param>
    /// <param name="output">[B, F, P]; overwritten.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void RowsToChannels(int batch, int positions, int filters, ReadOnlySpan<float> rows,
        ReadOnlySpan<float> bias, Span<float> output)
    {
        const string op = nameof(RowsToChannels);
        long size = CheckTransposeShape(batch, positions, filters, op);
        CheckLength(rows.Length, size, op, nameof(rows), $"[B={batch}, P={positions}, F={filters}]");
        CheckLength(output.Length, size, op, nameof(output), $"[B={batch}, F={filters}, P={positions}]");
        if (!bias.IsEmpty && bias.Length != filters && bias.Length != (long)filters * positions)
            throw new ArgumentException($"{op}: bias has {bias.Length} values but must be empty, F = {filters} " +
                $"(tied) or F·P = {(long)filters * positions} (untied) with P = {positions}.", nameof(bias));
        fixed (float* src = rows, b = bias, dst = output)
        {
            var body = new RowsToChannelsBody(src, b, bias.Length, dst, positions, filters);
            ParallelRange.Run(body, batch, 2L * positions * filters);
        }
    }

    /// <summary>
    /// Per sample, transposes channel-first [filters, positions] to rows [positions, filters]:
    /// <c>rows[b·P + p, f] = y[b, f, p]</c>; the inverse of <see cref="RowsToChannels"/> without bias, used to bring
    /// dY into GEMM layout.
    /// </summary>
    /// <param name="batch">Samples B.</param>
    /// <param name="filters">Filters F.</param>
    /// <param name="positions">Output positions per sample P = OH·OW.</param>
    /// <param name="channels">[B, F, P].</param>
    /// <param name="rows">[B, P, F] (equivalently [B·P, F]); overwritten.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void ChannelsToRows(int batch, int filters, int positions, ReadOnlySpan<float> channels,
        Span<float> rows)
    {
        const string op = nameof(ChannelsToRows);
        long size = CheckTransposeShape(batch, positions, filters, op);
        CheckLength(channels.Length, size, op, nameof(channels), $"[B={batch}, F={filters}, P={positions}]");
        CheckLength(rows.Length, size, op, nameof(rows), $"[B={batch}, P={positions}, F={filters}]");
        fixed (float* src = channels, dst = rows)
        {
            var body = new ChannelsToRowsBody(src, dst, positions, filters);
            ParallelRange.Run(body, batch, 2L * positions * filters);
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

    // ---- bodies -------------------------------------------------------------------------------------------------

    /// <summary>First output index o ≥ 0 with o·stride + offset ≥ 0, and first with o·stride + offset ≥ size, both in [0, count].</summary>
    internal static (int Begin, int End) InsideRange(int offset, int stride, int size, int count)
    {
        int begin = offset >= 0 ? 0 : (int)Math.Min(count, ((long)-offset + stride - 1) / stride);
        long past = (long)size - offset; // o·stride < past
        int end = past <= 0 ? 0 : (int)Math.Min(count, (past + stride - 1) / stride);
        return (begin, Math.Max(begin, end));
    }

    // Unit = one output row (b, oh): writes rows [(b·OH + oh)·OW, +OW) of col. Per (c, kh, kw) the valid ow are a
    // range computed once per call, so the inner loop has no bounds checks: zeros, a strided copy, zeros.
    private readonly struct Im2ColBody(Conv2dGeometry g, float* x, float* col) : IRangeBody
    {
        private readonly float* _x = x, _col = col;
        private readonly int _c = g.Channels, _h = g.InputHeight, _w = g.InputWidth;
        private readonly int _kh = g.KernelHeight, _kw = g.KernelWidth, _sh = g.StrideHeight, _sw = g.StrideWidth;
        private readonly int _pt = g.PadTop, _pl = g.PadLeft, _dh = g.DilationHeight, _dw = g.DilationWidth;
        private readonly int _oh = g.OutputHeight, _ow = g.OutputWidth;

        public void Run(int start, int end)
        {
            int k = _c * _kh * _kw, ow = _ow, sw = _sw;
            Span<int> ranges = _kw <= 64 ? stackalloc int[2 * _kw] : new int[2 * _kw];
            for (int kw = 0; kw < _kw; kw++)
                (ranges[2 * kw], ranges[2 * kw + 1]) = InsideRange(kw * _dw - _pl, sw, _w, ow);

            for (int unit = start; unit < end; unit++)
            {
                int b = unit / _oh, oh = unit % _oh;
                float* dst = _col + (long)unit * ow * k;
                float* image = _x + (long)b * _c * _h * _w;
                for (int c = 0; c < _c; c++)
                {
                    for (int kh = 0; kh < _kh; kh++)
                    {
                        int ih = oh * _sh - _pt + kh * _dh;
                        float* column = dst + (c * _kh + kh) * _kw;
                        if ((uint)ih >= (uint)_h)
                        {
                            for (int o = 0; o < ow; o++)
                                new Span<float>(column + (long)o * k, _kw).Clear();
                            continue;
                        }

                        float* source = image + ((long)c * _h + ih) * _w;
                        for (int kw = 0; kw < _kw; kw++)
                        {
                            int begin = ranges[2 * kw], stop = ranges[2 * kw + 1];
                            float* d = column + kw;
                            int o = 0;
                            for (; o < begin; o++)
                                d[(long)o * k] = 0f;
                            float* s = source + (long)begin * sw + kw * _dw - _pl;
                            float* dd = d + (long)begin * k;
                            if (sw == 1)
                            {
                                for (; o < stop; o++, dd += k)
                                    *dd = *s++;
                            }
                            else
                            {
                                for (; o < stop; o++, dd += k, s += sw)
                                    *dd = *s;
                            }

                            for (; o < ow; o++)
                                d[(long)o * k] = 0f;
                        }
                    }
                }
            }
        }
    }

    // Unit = one input plane (b, c): clears it, then adds its columns of dcol in the order oh, kh, kw, ow.
    private readonly struct Col2ImBody(Conv2dGeometry g, float* col, float* dx) : IRangeBody
    {
        private readonly float* _col = col, _dx = dx;
        private readonly int _c = g.Channels, _h = g.InputHeight, _w = g.InputWidth;
        private readonly int _kh = g.KernelHeight, _kw = g.KernelWidth, _sh = g.StrideHeight, _sw = g.StrideWidth;
        private readonly int _pt = g.PadTop, _pl = g.PadLeft, _dh = g.DilationHeight, _dw = g.DilationWidth;
        private readonly int _oh = g.OutputHeight, _ow = g.OutputWidth;

        public void Run(int start, int end)
        {
            int k = _c * _kh * _kw, ow = _ow, sw = _sw;
            Span<int> ranges = _kw <= 64 ? stackalloc int[2 * _kw] : new int[2 * _kw];
            for (int kw = 0; kw < _kw; kw++)
                (ranges[2 * kw], ranges[2 * kw + 1]) = InsideRange(kw * _dw - _pl, sw, _w, ow);

            for (int unit = start; unit < end; unit++)
            {
                int b = unit / _c, c = unit % _c;
                float* plane = _dx + (long)unit * _h * _w;
                new Span<float>(plane, _h * _w).Clear();
                for (int oh = 0; oh < _oh; oh++)
                {
                    float* rowBlock = _col + ((long)b * _oh + oh) * ow * k;
                    for (int kh = 0; kh < _kh; kh++)
                    {
                        int ih = oh * _sh - _pt + kh * _dh;
                        if ((uint)ih >= (uint)_h)
                            continue;
                        float* target = plane + (long)ih * _w;
                        float* column = rowBlock + (c * _kh + kh) * _kw;
                        for (int kw = 0; kw < _kw; kw++)
                        {
                            int begin = ranges[2 * kw], stop = ranges[2 * kw + 1];
                            float* s = column + kw + (long)begin * k;
                            float* d = target + (long)begin * sw + kw * _dw - _pl;
                            for (int o = begin; o < stop; o++, s += k, d += sw)
                                *d += *s;
                        }
                    }
                }
            }
        }
    }

    // Unit = one sample. Tiles of 16 positions keep the strided reads of a tile in L1 while each filter's output
    // is written contiguously.
    private readonly struct RowsToChannelsBody(float* rows, float* bias, int biasLength, float* output, int positions,
        int filters) : IRangeBody
    {
        private const int Tile = 16;
        private readonly float* _rows = rows, _bias = bias, _output = output;
        private readonly int _biasLength = biasLength, _p = positions, _f = filters;

        public void Run(int start, int end)
        {
            int p = _p, f = _f;
            bool tied = _biasLength == f, untied = !tied && _biasLength != 0;
            for (int unit = start; unit < end; unit++)
            {
                float* src = _rows + (long)unit * p * f, dst = _output + (long)unit * f * p;
                for (int p0 = 0; p0 < p; p0 += Tile)
                {
                    int count = Math.Min(Tile, p - p0);
                    for (int j = 0; j < f; j++)
                    {
                        float* s = src + (long)p0 * f + j, d = dst + (long)j * p + p0;
                        if (untied)
                        {
                            float* bj = _bias + (long)j * p + p0;
                            for (int i = 0; i < count; i++)
                                d[i] = s[(long)i * f] + bj[i];
                        }
                        else
                        {
                            float add = tied ? _bias[j] : 0f;
                            for (int i = 0; i < count; i++)
                                d[i] = s[(long)i * f] + add;
                        }
                    }
                }
            }
        }
    }

    private readonly struct ChannelsToRowsBody(float* channels, float* rows, int positions, int filters) : IRangeBody
    {
        private const int Tile = 16;
        private readonly float* _channels = channels, _rows = rows;
        private readonly int _p = positions, _f = filters;

        public void Run(int start, int end)
        {
            int p = _p, f = _f;
            for (int unit = start; unit < end; unit++)
            {
                float* src = _channels + (long)unit * f * p, dst = _rows + (long)unit * p * f;
                for (int p0 = 0; p0 < p; p0 += Tile)
                {
                    int count = Math.Min(Tile, p - p0);
                    for (int j = 0; j < f; j++)
                    {
                        float* s = src + (long)j * p + p0, d = dst + (long)p0 * f + j;
                        for (int i = 0; i < count; i++)
                            d[(long)i * f] = s[i];
                    }
                }
            }
        }
    }

    // Unit = one filter.
    private readonly struct BiasGradientBody(float* dy, float* db, bool tied, int batch, int filters, int positions)
        : IRangeBody
    {
        private readonly float* _dy = dy, _db = db;
        private readonly bool _tied = tied;
        private readonly int _b = batch, _f = filters, _p = positions;

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
        long m = (long)batch * geometry.OutputPositions;
        long length = m * geometry.ColumnCount + m * filters;
        if (length > int.MaxValue)
            throw new ArgumentException($"{op}: batch {batch} with {filters} filters needs {length} floats of " +
                $"scratch (B·OH·OW = {m} rows of K = {geometry.ColumnCount} plus F = {filters}), more than a span " +
                $"holds; use smaller batches. Geometry: {geometry}.", nameof(batch));
        return (int)length;
    }

    private static void CheckBatch(int batch, string op)
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
            $"[B·OH·OW={(long)batch * g.OutputPositions}, C·KH·KW={g.ColumnCount}] (B={batch}, {g})");

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
                $"(B·OH·OW = {(long)batch * g.OutputPositions} rows of C·KH·KW = {g.ColumnCount} plus F = {filters}); " +
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
