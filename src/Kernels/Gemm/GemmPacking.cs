using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous layouts the micro-kernels read, so that every transpose
/// variant reaches the kernel in one layout: an A panel holds MR floats per k step (<c>Ap[p * MR + r]</c>), a B
/// micro-panel NR floats per k step (<c>Bp[p * NR + j]</c>). Rows or columns past the edge of the matrix are zero.
/// </summary>
/// <remarks>
/// Contiguous runs (TN for A, NN for B) are copied with vector loads and stores; the strided cases (NN for A, NT for
/// B) go through 16 x 16 in-register transposes when AVX-512 is available. Everything else is a plain scalar loop.
/// </remarks>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs rows [i0, i0 + rows) of op(A) for A stored transposed (K x M) as consecutive micro-panels of
    /// <paramref name="panelRows"/> rows (the last zero-padded), each laid out as <see cref="PackA"/> lays out one:
    /// panel q at <c>dst + q·panelRows·kc</c>. Each stored row (one k step) is read once, left to right.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackATransposedBlock(in GemmOperands op, int i0, int rows, int p0, int kc, int panelRows, float* dst)
    {
        int panels = (rows + panelRows - 1) / panelRows;
        nint panelSize = (nint)panelRows * kc;
        float* src = op.A + p0 * op.Lda + i0;
        bool vectors = (panelRows == 12 || panelRows == 8) && Vector256.IsHardwareAccelerated;
        for (int p = 0; p < kc; p++, src += op.Lda)
        {
            float* d = dst + (nint)p * panelRows;
            for (int q = 0; q < panels; q++, d += panelSize)
            {
                float* s = src + q * panelRows;
                int mr = Math.Min(panelRows, rows - q * panelRows);
                if (vectors && mr == panelRows)
                {
                    Vector256.Store(Vector256.Load(s), d);
                    if (panelRows == 12) Vector128.Store(Vector128.Load(s + 8), d + 8);
                    continue;
                }
                int r = 0;
                for (; r < mr; r++) d[r] = s[r];
                for (; r < panelRows; r++) d[r] = 0f;
            }
        }
    }

    /// <summary>Packs op(A)[i0 .. i0 + mr, p0 .. p0 + kc] for A stored M x K into <paramref name="dst"/> (MR x kc, rows from mr on zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(in GemmOperands op, int i0, int mr, int p0, int kc, int panelRows, float* dst)
    {
        // A is stored M x K: op(A)[i, p] = A[i * lda + p]; packing transposes an mr x kc block.
        float* row0 = op.A + i0 * op.Lda + p0;
        int done = 0;
        if ((panelRows == 12 || panelRows == 8) && Avx512F.IsSupported)
        {
            for (; done + 16 <= kc; done += 16)
            {
                // Rows mr..15 of the 16 x 16 block are zero; each output row (one k step) is stored 16 wide at a
                // stride of 12 (or 8), in increasing order, so the extra lanes are overwritten by the next k step (the
                // last store's run past the panel into the buffer's slack).
                TransposeStore16x16(row0 + done, op.Lda, mr, dst + done * panelRows, panelRows);
            }
        }

        for (int r = 0; r < panelRows; r++)
        {
            float* d = dst + r;
            if (r < mr)
            {
                float* src = row0 + r * op.Lda;
                for (int p = done; p < kc; p++)
                    d[p * panelRows] = src[p];
            }
            else
            {
                for (int p = done; p < kc; p++)
                    d[p * panelRows] = 0f;
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0 .. p0 + kc, j0 .. j0 + nc] into micro-panels of <paramref name="panelCols"/> columns: the panel
    /// of columns j0 + jr .. is at <c>dst + jr * kc</c>; columns past nc are zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(in GemmOperands op, int p0, int kc, int j0, int nc, int panelCols, float* dst)
    {
        for (int jr = 0; jr < nc; jr += panelCols)
        {
            int nr = Math.Min(panelCols, nc - jr);
            float* panel = dst + (nint)jr * kc;
            if (op.TransposeB)
                PackBTransposed(op, p0, kc, j0 + jr, nr, panelCols, panel);
            else
                PackBStraight(op, p0, kc, j0 + jr, nr, panelCols, panel);
        }
    }

    // B is stored K x N: one k step of a panel is a contiguous run of nr floats.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackBStraight(in GemmOperands op, int p0, int kc, int j, int nr, int panelCols, float* dst)
    {
        float* src = op.B + p0 * op.Ldb + j;
        nint ldb = op.Ldb;
        if (nr == 32 && panelCols == 32 && Vector512.IsHardwareAccelerated)
        {
            for (int p = 0; p < kc; p++, src += ldb, dst += 32)
            {
                Vector512.Store(Vector512.Load(src), dst);
                Vector512.Store(Vector512.Load(src + 16), dst + 16);
            }

            return;
        }

        if (nr == 16 && panelCols == 16 && Vector256.IsHardwareAccelerated)
        {
            for (int p = 0; p < kc; p++, src += ldb, dst += 16)
            {
                Vector256.Store(Vector256.Load(src), dst);
                Vector256.Store(Vector256.Load(src + 8), dst + 8);
            }

            return;
        }

        for (int p = 0; p < kc; p++, src += ldb, dst += panelCols)
        {
            int c = 0;
            for (; c < nr; c++)
                dst[c] = src[c];
            for (; c < panelCols; c++)
                dst[c] = 0f;
        }
    }

    // B is stored N x K: op(B)[p, j] = B[j * ldb + p]; packing transposes a kc x nr block.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackBTransposed(in GemmOperands op, int p0, int kc, int j, int nr, int panelCols, float* dst)
    {
        float* col0 = op.B + j * op.Ldb + p0;
        nint ldb = op.Ldb;
        int done = 0;
        if (panelCols == 32 && Avx512F.IsSupported)
        {
            for (; done + 16 <= kc; done += 16)
            {
                TransposeStore16x16(col0 + done, ldb, Math.Min(nr, 16), dst + done * 32, 32);
                if (nr > 16)
                    TransposeStore16x16(col0 + 16 * ldb + done, ldb, nr - 16, dst + done * 32 + 16, 32);
                else
                {
                    for (int q = 0; q < 16; q++)
                        Vector512.Store(Vector512<float>.Zero, dst + (done + q) * 32 + 16);
                }
            }
        }

        for (int c = 0; c < panelCols; c++)
        {
            float* d = dst + c;
            if (c < nr)
            {
                float* src = col0 + c * ldb;
                for (int p = done; p < kc; p++)
                    d[p * panelCols] = src[p];
            }
            else
            {
                for (int p = done; p < kc; p++)
                    d[p * panelCols] = 0f;
            }
        }
    }

    /// <summary>
    /// Transposes the 16 x 16 block whose row r is the 16 floats at <c>src + r * srcStride</c> (1 &lt;= rows &lt;= 16;
    /// rows from <paramref name="rows"/> on are zero) and stores its row q (= column q of the input) as 16 floats at
    /// <c>dst + q * dstStride</c>, for q = 0..15 in increasing order (so with dstStride &lt; 16 each store overwrites
    /// the tail of the previous one).
    /// </summary>
    /// <remarks>Takes pointers rather than vectors: the JIT does not inline a method with 16 vector arguments.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeStore16x16(float* src, nint srcStride, int rows, float* dst, nint dstStride)
    {
        // Rows past the last are zero and never read (they may lie outside the matrix).
        Vector512<float> r0 = Vector512.Load(src);
        Vector512<float> r1 = rows > 1 ? Vector512.Load(src + srcStride) : default;
        Vector512<float> r2 = rows > 2 ? Vector512.Load(src + 2 * srcStride) : default;
        Vector512<float> r3 = rows > 3 ? Vector512.Load(src + 3 * srcStride) : default;
        Vector512<float> r4 = rows > 4 ? Vector512.Load(src + 4 * srcStride) : default;
        Vector512<float> r5 = rows > 5 ? Vector512.Load(src + 5 * srcStride) : default;
        Vector512<float> r6 = rows > 6 ? Vector512.Load(src + 6 * srcStride) : default;
        Vector512<float> r7 = rows > 7 ? Vector512.Load(src + 7 * srcStride) : default;
        Vector512<float> r8 = rows > 8 ? Vector512.Load(src + 8 * srcStride) : default;
        Vector512<float> r9 = rows > 9 ? Vector512.Load(src + 9 * srcStride) : default;
        Vector512<float> r10 = rows > 10 ? Vector512.Load(src + 10 * srcStride) : default;
        Vector512<float> r11 = rows > 11 ? Vector512.Load(src + 11 * srcStride) : default;
        Vector512<float> r12 = rows > 12 ? Vector512.Load(src + 12 * srcStride) : default;
        Vector512<float> r13 = rows > 13 ? Vector512.Load(src + 13 * srcStride) : default;
        Vector512<float> r14 = rows > 14 ? Vector512.Load(src + 14 * srcStride) : default;
        Vector512<float> r15 = rows > 15 ? Vector512.Load(src + 15 * srcStride) : default;

        // Stage 1: interleave pairs of rows within 128-bit lanes.
        Vector512<float> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<float> t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<float> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<float> t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
        Vector512<float> t8 = Avx512F.UnpackLow(r8, r9), t9 = Avx512F.UnpackHigh(r8, r9);
        Vector512<float> t10 = Avx512F.UnpackLow(r10, r11), t11 = Avx512F.UnpackHigh(r10, r11);
        Vector512<float> t12 = Avx512F.UnpackLow(r12, r13), t13 = Avx512F.UnpackHigh(r12, r13);
        Vector512<float> t14 = Avx512F.UnpackLow(r14, r15), t15 = Avx512F.UnpackHigh(r14, r15);

        // Stage 2: 4 x 4 transposes within 128-bit lanes; uX holds rows 4g..4g+3 of column (4 * lane + c).
        Vector512<float> u0 = Avx512F.Shuffle(t0, t2, 0x44), u1 = Avx512F.Shuffle(t0, t2, 0xEE);
        Vector512<float> u2 = Avx512F.Shuffle(t1, t3, 0x44), u3 = Avx512F.Shuffle(t1, t3, 0xEE);
        Vector512<float> u4 = Avx512F.Shuffle(t4, t6, 0x44), u5 = Avx512F.Shuffle(t4, t6, 0xEE);
        Vector512<float> u6 = Avx512F.Shuffle(t5, t7, 0x44), u7 = Avx512F.Shuffle(t5, t7, 0xEE);
        Vector512<float> u8 = Avx512F.Shuffle(t8, t10, 0x44), u9 = Avx512F.Shuffle(t8, t10, 0xEE);
        Vector512<float> u10 = Avx512F.Shuffle(t9, t11, 0x44), u11 = Avx512F.Shuffle(t9, t11, 0xEE);
        Vector512<float> u12 = Avx512F.Shuffle(t12, t14, 0x44), u13 = Avx512F.Shuffle(t12, t14, 0xEE);
        Vector512<float> u14 = Avx512F.Shuffle(t13, t15, 0x44), u15 = Avx512F.Shuffle(t13, t15, 0xEE);

        // Stage 3: gather lanes 0/2 and 1/3 of the row groups 0-3 with 4-7 and 8-11 with 12-15.
        Vector512<float> v0 = Avx512F.Shuffle4x128(u0, u4, 0x88), v4 = Avx512F.Shuffle4x128(u0, u4, 0xDD);
        Vector512<float> v1 = Avx512F.Shuffle4x128(u1, u5, 0x88), v5 = Avx512F.Shuffle4x128(u1, u5, 0xDD);
        Vector512<float> v2 = Avx512F.Shuffle4x128(u2, u6, 0x88), v6 = Avx512F.Shuffle4x128(u2, u6, 0xDD);
        Vector512<float> v3 = Avx512F.Shuffle4x128(u3, u7, 0x88), v7 = Avx512F.Shuffle4x128(u3, u7, 0xDD);
        Vector512<float> v8 = Avx512F.Shuffle4x128(u8, u12, 0x88), v12 = Avx512F.Shuffle4x128(u8, u12, 0xDD);
        Vector512<float> v9 = Avx512F.Shuffle4x128(u9, u13, 0x88), v13 = Avx512F.Shuffle4x128(u9, u13, 0xDD);
        Vector512<float> v10 = Avx512F.Shuffle4x128(u10, u14, 0x88), v14 = Avx512F.Shuffle4x128(u10, u14, 0xDD);
        Vector512<float> v11 = Avx512F.Shuffle4x128(u11, u15, 0x88), v15 = Avx512F.Shuffle4x128(u11, u15, 0xDD);

        // Stage 4: column q = [rows 0-3 | 4-7 | 8-11 | 12-15] of column q.
        Vector512.Store(Avx512F.Shuffle4x128(v0, v8, 0x88), dst);
        Vector512.Store(Avx512F.Shuffle4x128(v1, v9, 0x88), dst + dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v2, v10, 0x88), dst + 2 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v3, v11, 0x88), dst + 3 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v4, v12, 0x88), dst + 4 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v5, v13, 0x88), dst + 5 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v6, v14, 0x88), dst + 6 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v7, v15, 0x88), dst + 7 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v0, v8, 0xDD), dst + 8 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v1, v9, 0xDD), dst + 9 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v2, v10, 0xDD), dst + 10 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v3, v11, 0xDD), dst + 11 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v4, v12, 0xDD), dst + 12 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v5, v13, 0xDD), dst + 13 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v6, v14, 0xDD), dst + 14 * dstStride);
        Vector512.Store(Avx512F.Shuffle4x128(v7, v15, 0xDD), dst + 15 * dstStride);
    }
}
