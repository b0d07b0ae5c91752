using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels;

/// <summary>
/// 2-D max and average pooling and global average pooling on float tensors laid out [B, C, H, W] (row-major), with
/// PyTorch's semantics (floor mode, symmetric padding of at most half the window).
/// </summary>
/// <remarks>
/// <para>Window (oh, ow) covers input rows <c>oh·sh - padH</c> .. <c>oh·sh - padH + poolH - 1</c> and the matching
/// columns (see <see cref="Pool2dGeometry"/>). Max pooling treats the padding as -inf, so it never wins; average
/// pooling treats it as 0.</para>
/// <para>Work is split over up to <see cref="KernelSettings.MaxThreads"/> threads by whole (b, c) planes chosen
/// from the shapes alone; each plane is computed by one thread in a fixed order (backward passes accumulate
/// overlapping windows in the order oh, ow), so results are bitwise identical for any thread count. Steady-state
/// calls allocate nothing. Max pooling's common 2x2 stride-2 unpadded case has a branch-free SSE path (four
/// windows per step) with the same comparisons, hence the same results, as the general loop. Span lengths must match
/// the shapes exactly; mismatches throw
/// <see cref="ArgumentException"/> giving the shapes. Outputs must not overlap inputs.</para>
/// </remarks>
public static unsafe class PoolingKernels
{
    /// <summary>
    /// Max pooling: <c>y[b, c, oh, ow] = max</c> over the window of x, and <c>argmax[b, c, oh, ow]</c> = the index
    /// <c>ih·W + iw</c> of the winner within its input plane (PyTorch's <c>return_indices</c>). The first maximum in
    /// row-major window order wins ties; a NaN in the window propagates (the last NaN wins), as in PyTorch.
    /// </summary>
    /// <param name="geometry">The pooling's shape.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="input">x, [B, C, H, W].</param>
    /// <param name="output">y, [B, C, OH, OW]; overwritten.</param>
    /// <param name="argmax">[B, C, OH, OW] winner indices, owned by the caller and kept for <see cref="MaxPool2dBackward"/>; overwritten.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void MaxPool2dForward(Pool2dGeometry geometry, int batch, ReadOnlySpan<float> input,
        Span<float> output, Span<int> argmax)
    {
        const string op = nameof(MaxPool2dForward);
        CheckShapes(geometry, batch, input.Length, nameof(input), output.Length, nameof(output), op);
        CheckOutput(geometry, batch, argmax.Length, nameof(argmax), op);
        fixed (float* x = input, y = output)
        fixed (int* indices = argmax)
        {
            var body = new MaxForwardBody(geometry, x, y, indices);
            ParallelRange.Run(body, batch * geometry.Channels, WorkPerPlane(geometry));
        }
    }

    /// <summary>
    /// Max pooling gradient: clears dx, then <c>dx[b, c, argmax[b, c, oh, ow]] += dy[b, c, oh, ow]</c> for every
    /// output (overlapping windows add up).
    /// </summary>
    /// <param name="geometry">The pooling's shape.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="outputGradient">dy, [B, C, OH, OW].</param>
    /// <param name="argmax">The indices <see cref="MaxPool2dForward"/> recorded, [B, C, OH, OW].</param>
    /// <param name="inputGradient">dx, [B, C, H, W]; overwritten.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or an index is outside its
    /// plane (the planes processed before it may already be written).</exception>
    public static void MaxPool2dBackward(Pool2dGeometry geometry, int batch, ReadOnlySpan<float> outputGradient,
        ReadOnlySpan<int> argmax, Span<float> inputGradient)
    {
        const string op = nameof(MaxPool2dBackward);
        CheckShapes(geometry, batch, inputGradient.Length, nameof(inputGradient), outputGradient.Length,
            nameof(outputGradient), op);
        CheckOutput(geometry, batch, argmax.Length, nameof(argmax), op);
        fixed (float* dy = outputGradient, dx = inputGradient)
        fixed (int* indices = argmax)
        {
            var body = new MaxBackwardBody(geometry, dy, indices, dx);
            ParallelRange.Run(body, batch * geometry.Channels,
                (long)geometry.InputHeight * geometry.InputWidth + 2L * geometry.OutputHeight * geometry.OutputWidth);
        }
    }

    /// <summary>
    /// Average pooling: <c>y[b, c, oh, ow] = (Σ window) / divisor</c>, with padding counting as zeros.
    /// </summary>
    /// <remarks>
    /// With <paramref name="countIncludePadding"/> true (PyTorch's default <c>count_include_pad=True</c>) the divisor
    /// is always poolH·poolW, padding included; with false it is the number of real input pixels in the window.
    /// </remarks>
    /// <param name="geometry">The pooling's shape.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="input">x, [B, C, H, W].</param>
    /// <param name="output">y, [B, C, OH, OW]; overwritten.</param>
    /// <param name="countIncludePadding">Whether padded positions count in the divisor (default true, as PyTorch).</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void AvgPool2dForward(Pool2dGeometry geometry, int batch, ReadOnlySpan<float> input,
        Span<float> output, bool countIncludePadding = true)
    {
        const string op = nameof(AvgPool2dForward);
        CheckShapes(geometry, batch, input.Length, nameof(input), output.Length, nameof(output), op);
        fixed (float* x = input, y = output)
        {
            var body = new AvgBody(geometry, x, y, countIncludePadding, backward: false);
            ParallelRange.Run(body, batch * geometry.Channels, WorkPerPlane(geometry));
        }
    }

    /// <summary>
    /// Average pooling gradient: clears dx, then adds <c>dy[b, c, oh, ow] / divisor</c> to every real input pixel of
    /// window (oh, ow), the divisor being that of <see cref="AvgPool2dForward"/>.
    /// </summary>
    /// <param name="geometry">The pooling's shape.</param>
    /// <param name="batch">Images B.</param>
    /// <param name="outputGradient">dy, [B, C, OH, OW].</param>
    /// <param name="inputGradient">dx, [B, C, H, W]; overwritten.</param>
    /// <param name="countIncludePadding">As given to the forward pass (default true, as PyTorch).</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void AvgPool2dBackward(Pool2dGeometry geometry, int batch, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, bool countIncludePadding = true)
    {
        const string op = nameof(AvgPool2dBackward);
        CheckShapes(geometry, batch, inputGradient.Length, nameof(inputGradient), outputGradient.Length,
            nameof(outputGradient), op);
        fixed (float* dy = outputGradient, dx = inputGradient)
        {
            var body = new AvgBody(geometry, dy, dx, countIncludePadding, backward: true);
            ParallelRange.Run(body, batch * geometry.Channels, WorkPerPlane(geometry));
        }
    }

    /// <summary>Global average pooling: <c>y[b, c] = (1 / planeSize) · Σ_i x[b, c, i]</c> for x [B, C, planeSize].</summary>
    /// <param name="batch">Images B.</param>
    /// <param name="channels">Channels C.</param>
    /// <param name="planeSize">Pixels per channel, H·W.</param>
    /// <param name="input">x, [B, C, H, W].</param>
    /// <param name="output">y, [B, C]; overwritten.</param>
    /// <exception cref="ArgumentException">A size is less than 1 or a span's length does not match the shapes.</exception>
    public static void GlobalAvgPoolForward(int batch, int channels, int planeSize, ReadOnlySpan<float> input,
        Span<float> output)
    {
        const string op = nameof(GlobalAvgPoolForward);
        CheckGlobal(batch, channels, planeSize, input.Length, nameof(input), output.Length, nameof(output), op);
        fixed (float* x = input, y = output)
        {
            var body = new GlobalBody(x, y, planeSize, backward: false);
            ParallelRange.Run(body, batch * channels, planeSize);
        }
    }

    /// <summary>Global average pooling gradient: <c>dx[b, c, i] = dy[b, c] / planeSize</c> for every i.</summary>
    /// <param name="batch">Images B.</param>
    /// <param name="channels">Channels C.</param>
    /// <param name="planeSize">Pixels per channel, H·W.</param>
    /// <param name="outputGradient">dy, [B, C].</param>
    /// <param name="inputGradient">dx, [B, C, H, W]; overwritten.</param>
    /// <exception cref="ArgumentException">A size is less than 1 or a span's length does not match the shapes.</exception>
    public static void GlobalAvgPoolBackward(int batch, int channels, int planeSize, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient)
    {
        const string op = nameof(GlobalAvgPoolBackward);
        CheckGlobal(batch, channels, planeSize, inputGradient.Length, nameof(inputGradient), outputGradient.Length,
            nameof(outputGradient), op);
        fixed (float* dy = outputGradient, dx = inputGradient)
        {
            var body = new GlobalBody(dx, dy, planeSize, backward: true);
            ParallelRange.Run(body, batch * channels, planeSize);
        }
    }

    /// <summary>
    /// <see cref="MaxPool2dForward"/> on <paramref name="planes"/> consecutive [H, W] planes, on the calling thread: the
    /// building block of a layer that pools planes as the layer before produces them. Bitwise what the batch call gives
    /// for those planes.
    /// </summary>
    /// <param name="geometry">The pooling's shape.</param>
    /// <param name="planes">Planes in the run.</param>
    /// <param name="input">The input planes, planes·H·W floats.</param>
    /// <param name="output">Their pooled planes, planes·OH·OW floats; overwritten.</param>
    /// <param name="argmax">Their winners' indices within each plane, planes·OH·OW; overwritten.</param>
    /// <exception cref="ArgumentException">A span's length does not match the plane sizes.</exception>
    public static void MaxPool2dForwardPlanes(Pool2dGeometry geometry, int planes, ReadOnlySpan<float> input, Span<float> output, Span<int> argmax)
    {
        const string op = nameof(MaxPool2dForwardPlanes);
        CheckPlanes(geometry, planes, input.Length, nameof(input), output.Length, nameof(output), op);
        CheckLength(argmax.Length, (long)planes * geometry.OutputHeight * geometry.OutputWidth, nameof(argmax), op);
        fixed (float* x = input, y = output)
        fixed (int* indices = argmax)
            new MaxForwardBody(geometry, x, y, indices).Run(0, planes);
    }

    /// <summary><see cref="MaxPool2dBackward"/> on <paramref name="planes"/> consecutive planes, on the calling thread:
    /// clears their dx, then routes each output gradient to its recorded winner.</summary>
    /// <param name="geometry">The pooling's shape.</param>
    /// <param name="planes">Planes in the run.</param>
    /// <param name="outputGradient">The planes' dy, planes·OH·OW floats.</param>
    /// <param name="argmax">The planes' winners from <see cref="MaxPool2dForwardPlanes"/>.</param>
    /// <param name="inputGradient">The planes' dx, planes·H·W floats; overwritten.</param>
    /// <exception cref="ArgumentException">A span's length does not match the plane sizes, or an index is outside its plane.</exception>
    public static void MaxPool2dBackwardPlanes(Pool2dGeometry geometry, int planes, ReadOnlySpan<float> outputGradient, ReadOnlySpan<int> argmax,
        Span<float> inputGradient)
    {
        const string op = nameof(MaxPool2dBackwardPlanes);
        CheckPlanes(geometry, planes, inputGradient.Length, nameof(inputGradient), outputGradient.Length, nameof(outputGradient), op);
        CheckLength(argmax.Length, (long)planes * geometry.OutputHeight * geometry.OutputWidth, nameof(argmax), op);
        fixed (float* dy = outputGradient, dx = inputGradient)
        fixed (int* indices = argmax)
            new MaxBackwardBody(geometry, dy, indices, dx).Run(0, planes);
    }

    /// <summary><see cref="AvgPool2dForward"/> on <paramref name="planes"/> consecutive planes, on the calling thread;
    /// bitwise what the batch call gives for them.</summary>
    /// <exception cref="ArgumentException">A span's length does not match the plane sizes.</exception>
    public static void AvgPool2dForwardPlanes(Pool2dGeometry geometry, int planes, ReadOnlySpan<float> input, Span<float> output, bool countIncludePadding = true)
    {
        const string op = nameof(AvgPool2dForwardPlanes);
        CheckPlanes(geometry, planes, input.Length, nameof(input), output.Length, nameof(output), op);
        fixed (float* x = input, y = output)
            new AvgBody(geometry, x, y, countIncludePadding, backward: false).Run(0, planes);
    }

    /// <summary><see cref="AvgPool2dBackward"/> on <paramref name="planes"/> consecutive planes, on the calling thread; dx overwritten.</summary>
    /// <exception cref="ArgumentException">A span's length does not match the plane sizes.</exception>
    public static void AvgPool2dBackwardPlanes(Pool2dGeometry geometry, int planes, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        bool countIncludePadding = true)
    {
        const string op = nameof(AvgPool2dBackwardPlanes);
        CheckPlanes(geometry, planes, inputGradient.Length, nameof(inputGradient), outputGradient.Length, nameof(outputGradient), op);
        fixed (float* dy = outputGradient, dx = inputGradient)
            new AvgBody(geometry, dy, dx, countIncludePadding, backward: true).Run(0, planes);
    }

    private static void CheckPlanes(Pool2dGeometry g, int planes, int inputLength, string inputName, int outputLength, string outputName, string op)
    {
        ArgumentNullException.ThrowIfNull(g);
        if (planes < 0)
            throw new ArgumentException($"{op}: planes must be at least 0 but is {planes}.", nameof(planes));
        CheckLength(inputLength, (long)planes * g.InputHeight * g.InputWidth, inputName, op);
        CheckLength(outputLength, (long)planes * g.OutputHeight * g.OutputWidth, outputName, op);
    }

    private static void CheckLength(int length, long expected, string name, string op)
    {
        if (length != expected)
            throw new ArgumentException($"{op}: {name} has {length} elements but the planes need {expected}.", name);
    }

    private static long WorkPerPlane(Pool2dGeometry g)
        => (long)g.InputHeight * g.InputWidth + (long)g.OutputHeight * g.OutputWidth * g.PoolHeight * g.PoolWidth;

    /// <summary>Input rows [begin, end) of window o along an axis: the window clipped to the input.</summary>
    private static (int Begin, int End) Window(int o, int stride, int pad, int pool, int size)
    {
        int begin = o * stride - pad;
        return (Math.Max(begin, 0), Math.Min(begin + pool, size));
    }

    // Unit = one (b, c) plane.
    private readonly struct MaxForwardBody(Pool2dGeometry g, float* x, float* y, int* indices) : IRangeBody
    {
        private readonly float* _x = x, _y = y;
        private readonly int* _indices = indices;
        private readonly int _h = g.InputHeight, _w = g.InputWidth, _oh = g.OutputHeight, _ow = g.OutputWidth;
        private readonly int _ph = g.PoolHeight, _pw = g.PoolWidth, _sh = g.StrideHeight, _sw = g.StrideWidth;
        private readonly int _padH = g.PadHeight, _padW = g.PadWidth;

        public void Run(int start, int end)
        {
            if (_ph == 2 && _pw == 2 && _sh == 2 && _sw == 2 && _padH == 0 && _padW == 0)
                RunTwoByTwo(start, end);
            else
                RunGeneral(start, end);
        }

        // Any window: the fields are copied to locals so the loops keep them in registers.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RunGeneral(int start, int end)
        {
            int h = _h, w = _w, outH = _oh, outW = _ow, ph = _ph, pw = _pw, sh = _sh, sw = _sw, padH = _padH, padW = _padW;
            int planeIn = h * w, planeOut = outH * outW;
            for (int unit = start; unit < end; unit++)
            {
                float* plane = _x + (long)unit * planeIn;
                float* y = _y + (long)unit * planeOut;
                int* indices = _indices + (long)unit * planeOut;
                for (int oh = 0; oh < outH; oh++)
                {
                    int top = oh * sh - padH;
                    int h0 = Math.Max(top, 0), h1 = Math.Min(top + ph, h);
                    float* yRow = y + oh * outW;
                    int* indexRow = indices + oh * outW;
                    for (int ow = 0; ow < outW; ow++)
                    {
                        int left = ow * sw - padW;
                        int w0 = Math.Max(left, 0), w1 = Math.Min(left + pw, w);
                        float best = float.NegativeInfinity;
                        int bestIndex = h0 * w + w0;
                        for (int ih = h0; ih < h1; ih++)
                        {
                            float* row = plane + ih * w;
                            for (int iw = w0; iw < w1; iw++)
                            {
                                float value = row[iw];
                                if (value > best || float.IsNaN(value)) // a NaN propagates
                                {
                                    best = value;
                                    bestIndex = ih * w + iw;
                                }
                            }
                        }

                        yRow[ow] = best;
                        indexRow[ow] = bestIndex;
                    }
                }
            }
        }

        // The common 2x2 window, stride 2, no padding: every window lies inside the plane, unrolled. Same comparison
        // sequence as RunGeneral (row-major, first maximum wins, NaN propagates), so identical results.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RunTwoByTwo(int start, int end)
        {
            int w = _w, outH = _oh, outW = _ow, planeIn = _h * w, planeOut = outH * outW;
            for (int unit = start; unit < end; unit++)
            {
                float* plane = _x + (long)unit * planeIn;
                float* y = _y + (long)unit * planeOut;
                int* indices = _indices + (long)unit * planeOut;
                for (int oh = 0; oh < outH; oh++)
                {
                    int rowStart = 2 * oh * w;
                    float* r0 = plane + rowStart;
                    float* r1 = r0 + w;
                    float* yRow = y + oh * outW;
                    int* indexRow = indices + oh * outW;
                    int ow = 0;
                    if (Sse.IsSupported)
                    {
                        // Four windows at a time, branch-free: the same comparisons as below, lane by lane. A ragged
                        // end is done by one last overlapping group (recomputing some outputs to the same values).
                        Vector128<int> offsets = Vector128.Create(0, 2, 4, 6);
                        Vector128<int> one = Vector128.Create(1), down = Vector128.Create(w);
                        for (; ow < outW && outW >= 4; ow += 4)
                        {
                            if (ow + 4 > outW)
                                ow = outW - 4;
                            int c = 2 * ow;
                            Vector128<int> first = Vector128.Create(rowStart + c) + offsets;
                            Vector128<float> top0 = Sse.LoadVector128(r0 + c), top1 = Sse.LoadVector128(r0 + c + 4);
                            Vector128<float> bottom0 = Sse.LoadVector128(r1 + c), bottom1 = Sse.LoadVector128(r1 + c + 4);
                            Vector128<float> best = Sse.Shuffle(top0, top1, 0b10_00_10_00); // even columns
                            Vector128<int> bestIndex = first;
                            Take(ref best, ref bestIndex, Sse.Shuffle(top0, top1, 0b11_01_11_01), first + one);
                            Take(ref best, ref bestIndex, Sse.Shuffle(bottom0, bottom1, 0b10_00_10_00), first + down);
                            Take(ref best, ref bestIndex, Sse.Shuffle(bottom0, bottom1, 0b11_01_11_01), first + down + one);
                            Sse.Store(yRow + ow, best);
                            Vector128.Store(bestIndex, indexRow + ow);
                        }
                    }

                    for (; ow < outW; ow++)
                    {
                        int c = 2 * ow;
                        float best = r0[c];
                        int bestIndex = rowStart + c;
                        float value = r0[c + 1];
                        if (value > best || float.IsNaN(value))
                        {
                            best = value;
                            bestIndex = rowStart + c + 1;
                        }

                        value = r1[c];
                        if (value > best || float.IsNaN(value))
                        {
                            best = value;
                            bestIndex = rowStart + w + c;
                        }

                        value = r1[c + 1];
                        if (value > best || float.IsNaN(value))
                        {
                            best = value;
                            bestIndex = rowStart + w + c + 1;
                        }

                        yRow[ow] = best;
                        indexRow[ow] = bestIndex;
                    }
                }
            }
        }

        /// <summary>Lane-wise <c>if (value > best || IsNaN(value)) { best = value; bestIndex = index; }</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Take(ref Vector128<float> best, ref Vector128<int> bestIndex, Vector128<float> value, Vector128<int> index)
        {
            Vector128<float> take = Vector128.GreaterThan(value, best) | ~Vector128.Equals(value, value);
            best = Vector128.ConditionalSelect(take, value, best);
            bestIndex = Vector128.ConditionalSelect(take.AsInt32(), index, bestIndex);
        }
    }

    private readonly struct MaxBackwardBody(Pool2dGeometry g, float* dy, int* indices, float* dx) : IRangeBody
    {
        private readonly float* _dy = dy, _dx = dx;
        private readonly int* _indices = indices;
        private readonly int _planeIn = g.InputHeight * g.InputWidth, _planeOut = g.OutputHeight * g.OutputWidth;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            int planeIn = _planeIn, planeOut = _planeOut;
            for (int unit = start; unit < end; unit++)
            {
                float* dx = _dx + (long)unit * planeIn;
                float* dy = _dy + (long)unit * planeOut;
                int* indices = _indices + (long)unit * planeOut;
                new Span<float>(dx, planeIn).Clear();
                for (int o = 0; o < planeOut; o++)
                {
                    int index = indices[o];
                    if ((uint)index >= (uint)planeIn)
                        throw new ArgumentException($"{nameof(MaxPool2dBackward)}: argmax[{(long)unit * planeOut + o}] = " +
                            $"{index} is outside its input plane of {planeIn} pixels.", "argmax");
                    dx[index] += dy[o];
                }
            }
        }
    }

    // Forward: from = x, to = y. Backward: from = dy, to = dx.
    private readonly struct AvgBody(Pool2dGeometry g, float* from, float* to, bool includePadding, bool backward)
        : IRangeBody
    {
        private readonly float* _from = from, _to = to;
        private readonly bool _includePadding = includePadding, _backward = backward;
        private readonly int _h = g.InputHeight, _w = g.InputWidth, _oh = g.OutputHeight, _ow = g.OutputWidth;
        private readonly int _ph = g.PoolHeight, _pw = g.PoolWidth, _sh = g.StrideHeight, _sw = g.StrideWidth;
        private readonly int _padH = g.PadHeight, _padW = g.PadWidth;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            int w = _w, planeIn = _h * w, planeOut = _oh * _ow;
            for (int unit = start; unit < end; unit++)
            {
                float* image = (_backward ? _to : _from) + (long)unit * planeIn;
                float* pooled = (_backward ? _from : _to) + (long)unit * planeOut;
                if (_backward)
                    new Span<float>(image, planeIn).Clear();
                for (int oh = 0; oh < _oh; oh++)
                {
                    (int h0, int h1) = Window(oh, _sh, _padH, _ph, _h);
                    for (int ow = 0; ow < _ow; ow++)
                    {
                        (int w0, int w1) = Window(ow, _sw, _padW, _pw, w);
                        int divisor = _includePadding ? _ph * _pw : (h1 - h0) * (w1 - w0);
                        if (_backward)
                        {
                            float share = pooled[oh * _ow + ow] / divisor;
                            for (int ih = h0; ih < h1; ih++)
                            {
                                float* row = image + ih * w;
                                for (int iw = w0; iw < w1; iw++)
                                    row[iw] += share;
                            }
                        }
                        else
                        {
                            float sum = 0f;
                            for (int ih = h0; ih < h1; ih++)
                            {
                                float* row = image + ih * w;
                                for (int iw = w0; iw < w1; iw++)
                                    sum += row[iw];
                            }

                            pooled[oh * _ow + ow] = sum / divisor;
                        }
                    }
                }
            }
        }
    }

    // Forward: planes = x, values = y. Backward: planes = dx, values = dy.
    private readonly struct GlobalBody(float* planes, float* values, int planeSize, bool backward) : IRangeBody
    {
        private readonly float* _planes = planes, _values = values;
        private readonly int _size = planeSize;
        private readonly bool _backward = backward;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            for (int unit = start; unit < end; unit++)
            {
                var plane = new Span<float>(_planes + (long)unit * _size, _size);
                if (_backward)
                    plane.Fill(_values[unit] / _size);
                else
                    _values[unit] = TensorPrimitives.Sum((ReadOnlySpan<float>)plane) / _size;
            }
        }
    }

    private static void CheckShapes(Pool2dGeometry geometry, int batch, int inputLength, string inputName,
        int outputLength, string outputName, string op)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (batch < 1)
            throw new ArgumentException($"{op}: batch must be at least 1 but is {batch}.", nameof(batch));
        ConvolutionKernels.CheckLength(inputLength, (long)batch * geometry.InputSize, op, inputName,
            $"[B={batch}, C={geometry.Channels}, H={geometry.InputHeight}, W={geometry.InputWidth}]");
        CheckOutput(geometry, batch, outputLength, outputName, op);
    }

    private static void CheckOutput(Pool2dGeometry geometry, int batch, int length, string name, string op)
        => ConvolutionKernels.CheckLength(length, (long)batch * geometry.OutputSize, op, name,
            $"[B={batch}, C={geometry.Channels}, OH={geometry.OutputHeight}, OW={geometry.OutputWidth}] ({geometry})");

    private static void CheckGlobal(int batch, int channels, int planeSize, int inputLength, string inputName,
        int outputLength, string outputName, string op)
    {
        if (batch < 1 || channels < 1 || planeSize < 1)
            throw new ArgumentException($"{op}: batch, channels and plane size must be at least 1 but are " +
                $"B={batch}, C={channels}, H·W={planeSize}.");
        ConvolutionKernels.CheckLength(inputLength, (long)batch * channels * planeSize, op, inputName,
            $"[B={batch}, C={channels}, H·W={planeSize}]");
        ConvolutionKernels.CheckLength(outputLength, (long)batch * channels, op, outputName, $"[B={batch}, C={channels}]");
    }
}
