using System.Runtime.CompilerServices;

namespace NeuralNet.Kernels;

/// <summary>
/// The blocked GEMM loops for one micro-kernel: for each NC-wide block of columns and each KC-deep block of k, pack
/// the B block once (it stays in L2), then for each MR-row panel of A pack it (it stays in L1) and sweep it across
/// the B block's NR-wide micro-panels with the micro-kernel.
/// </summary>
/// <remarks>
/// k blocks depend only on K (equal sizes, at most KC), so every element of C gets the same k-summation order however
/// the columns and rows are divided among threads; a thread's range starts on a tile boundary, so the edge tiles are
/// the same too. Results are therefore bitwise identical for any thread count.
/// </remarks>
internal static unsafe class GemmDriver<TKernel> where TKernel : struct, IGemmMicroKernel
{
    /// <summary>Panels of a transposed A packed together: 16 x 12 rows x KC 256 = 192 KiB, which stays in L2.</summary>
    internal const int TransposedBlockPanels = 16;

    /// <summary>Computes rows [i0, i1) x columns [j0, j1) of C; i0 and j0 are multiples of MR and NR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunBlock(in GemmOperands op, int i0, int i1, int j0, int j1)
    {
        int mrFull = TKernel.MR, nrFull = TKernel.NR;
        int kSteps = BlockSize(op.K, TKernel.KC, 1);
        int ncMax = BlockSize(j1 - j0, TKernel.NC, nrFull);
        // Buffers are sized for the whole call, not this part, so a thread that runs another part of the same shape
        // next time (parts are claimed dynamically) finds them big enough and allocates nothing.
        int ncCall = Math.Min(TKernel.NC, (op.N + nrFull - 1) / nrFull * nrFull);
        GemmWorkspace workspace = GemmWorkspace.Current;
        // A stored transposed (K x M) is packed a block of panels at a time, reading each stored row once and in order;
        // one panel at a time would read MR floats from each of KC rows lda apart, a new page per row when lda is large
        // (1024x1024 TN ran 25% slower than NN that way).
        int blockRows = op.TransposeA ? TransposedBlockPanels * mrFull : mrFull;
        float* packedA = workspace.PackedA(blockRows * kSteps);
        float* packedB = workspace.PackedB(kSteps * Math.Max(ncMax, ncCall));
        float* tile = workspace.Tile(mrFull * nrFull);

        for (int jc = j0; jc < j1; jc += ncMax)
        {
            int nc = Math.Min(ncMax, j1 - jc);
            for (int pc = 0; pc < op.K; pc += kSteps)
            {
                int kc = Math.Min(kSteps, op.K - pc);
                float beta = pc == 0 ? op.Beta : 1f;
                GemmPacking.PackB(op, pc, kc, jc, nc, nrFull, packedB);
                for (int ic = i0; ic < i1; ic += mrFull)
                {
                    int mr = Math.Min(mrFull, i1 - ic);
                    float* panelA;
                    if (op.TransposeA)
                    {
                        int panel = (ic - i0) / mrFull % TransposedBlockPanels;
                        if (panel == 0)
                            GemmPacking.PackATransposedBlock(op, ic, Math.Min(blockRows, i1 - ic), pc, kc, mrFull, packedA);
                        panelA = packedA + (nint)panel * mrFull * kc;
                    }
                    else
                    {
                        GemmPacking.PackA(op, ic, mr, pc, kc, mrFull, packedA);
                        panelA = packedA;
                    }
                    float* cRow = op.C + ic * op.Ldc + jc;
                    for (int jr = 0; jr < nc; jr += nrFull)
                    {
                        int nr = Math.Min(nrFull, nc - jr);
                        float* panelB = packedB + (nint)jr * kc;
                        if (mr == mrFull && nr == nrFull)
                        {
                            TKernel.Run(kc, panelA, panelB, cRow + jr, op.Ldc, op.Alpha, beta);
                        }
                        else
                        {
                            TKernel.Run(kc, panelA, panelB, tile, nrFull, op.Alpha, 0f);
                            MergeEdge(tile, nrFull, cRow + jr, op.Ldc, mr, nr, beta);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="extent"/> into the fewest blocks of at most <paramref name="max"/>, of equal size rounded
    /// up to a multiple of <paramref name="granule"/> (so a 784-deep k becomes 4 x 196 rather than 3 x 256 + 16).
    /// </summary>
    internal static int BlockSize(int extent, int max, int granule)
    {
        if (extent <= 0)
            return granule;
        int blocks = (extent + max - 1) / max;
        int size = (extent + blocks - 1) / blocks;
        return (size + granule - 1) / granule * granule;
    }

    // C[r, j] = tile[r, j] + beta * C[r, j] for the mr x nr corner that exists (beta == 0 overwrites).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeEdge(float* tile, nint ldt, float* c, nint ldc, int mr, int nr, float beta)
    {
        for (int r = 0; r < mr; r++, tile += ldt, c += ldc)
        {
            if (beta == 0f)
            {
                for (int j = 0; j < nr; j++)
                    c[j] = tile[j];
            }
            else
            {
                for (int j = 0; j < nr; j++)
                    c[j] = tile[j] + beta * c[j];
            }
        }
    }
}
