using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// 8 x 32 AVX-512 micro-kernel: 16 zmm accumulators (8 rows x 2 vectors of 16), per k step two vector loads of Bp,
/// eight broadcasts of Ap and 16 fused multiply-adds: 8 cycles of FMA work against 10 loads. <see cref="Gemm"/> runs
/// it instead of the 12 x 32 kernel when M rounded up to 8 rows is fewer rows than M rounded up to 12 (M = 64 filters
/// is 8 full panels here, against 5 full and one a third full there). Each element's k-sum runs in the same order as
/// in the 12 x 32 kernel, so the two give the same results. Its k loop is that kernel's first eight rows: the
/// accumulators must be named locals for the JIT to keep them in registers, so the loop is written out, not shared.
/// </summary>
internal readonly struct Avx512MicroKernel8 : IGemmMicroKernel
{
    public static int MR => 8;

    public static int NR => 32;

    // Ap panel: 8 x 256 x 4 B = 8 KiB of the 48 KiB L1d; a Bp micro-panel (256 x 32 x 4 B = 32 KiB) streams past it.
    public static int KC => 256;

    // B block: 256 x 1024 x 4 B = 1 MiB, half the 2 MiB L2 per core.
    public static int NC => 1024;

    /// <summary>The packed form: a B panel is 32 floats per k step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
        => RunStridedB(kc, a, b, 32, c, ldc, alpha, beta);

    /// <summary>
    /// <see cref="Run"/> with B read in place from a row-major matrix: <c>C[r * ldc + j] = alpha * Σ_p a[p * 8 + r] *
    /// b[p * ldb + j] + beta * C</c> (32 columns of each of kc rows ldb apart; a packed panel is ldb = 32). For products
    /// whose B is produced in rows anyway and used once (Winograd's input gradient), where packing it would cost as
    /// much as the multiplies.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunStridedB(int kc, float* a, float* b, nint ldb, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> x = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            a += 8;
            b += ldb;
        }

        Vector512<float> va = Vector512.Create(alpha);
        Vector512<float> vb = Vector512.Create(beta);
        int mode = beta == 0f ? 0 : beta == 1f ? 1 : 2;
        Avx512MicroKernel.Store(c, c00, c01, va, vb, mode);
        Avx512MicroKernel.Store(c += ldc, c10, c11, va, vb, mode);
        Avx512MicroKernel.Store(c += ldc, c20, c21, va, vb, mode);
        Avx512MicroKernel.Store(c += ldc, c30, c31, va, vb, mode);
        Avx512MicroKernel.Store(c += ldc, c40, c41, va, vb, mode);
        Avx512MicroKernel.Store(c += ldc, c50, c51, va, vb, mode);
        Avx512MicroKernel.Store(c += ldc, c60, c61, va, vb, mode);
        Avx512MicroKernel.Store(c + ldc, c70, c71, va, vb, mode);
    }
}
