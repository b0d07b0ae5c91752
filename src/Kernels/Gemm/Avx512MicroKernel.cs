using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// 12 x 32 AVX-512 micro-kernel: 24 zmm accumulators (12 rows x 2 vectors of 16), per k step two vector loads of
/// Bp, twelve broadcasts of Ap and 24 fused multiply-adds. With two 512-bit FMA ports that is 12 cycles of FMA
/// work per k step against 14 loads, so the FMA ports, not the loads, are the limit.
/// </summary>
internal readonly struct Avx512MicroKernel : IGemmMicroKernel
{
    public static int MR => 12;

    public static int NR => 32;

    // Ap panel: 12 x 256 x 4 B = 12 KiB of the 48 KiB L1d; a Bp micro-panel (256 x 32 x 4 B = 32 KiB) streams past it.
    public static int KC => 256;

    // B block: 256 x 1024 x 4 B = 1 MiB, half the 2 MiB L2 per core.
    public static int NC => 1024;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<float> c90 = default, c91 = default, cA0 = default, cA1 = default, cB0 = default, cB1 = default;
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
            x = Vector512.Create(a[8]);
            c80 = Vector512.FusedMultiplyAdd(x, b0, c80);
            c81 = Vector512.FusedMultiplyAdd(x, b1, c81);
            x = Vector512.Create(a[9]);
            c90 = Vector512.FusedMultiplyAdd(x, b0, c90);
            c91 = Vector512.FusedMultiplyAdd(x, b1, c91);
            x = Vector512.Create(a[10]);
            cA0 = Vector512.FusedMultiplyAdd(x, b0, cA0);
            cA1 = Vector512.FusedMultiplyAdd(x, b1, cA1);
            x = Vector512.Create(a[11]);
            cB0 = Vector512.FusedMultiplyAdd(x, b0, cB0);
            cB1 = Vector512.FusedMultiplyAdd(x, b1, cB1);
            a += 12;
            b += 32;
        }

        Vector512<float> va = Vector512.Create(alpha);
        Vector512<float> vb = Vector512.Create(beta);
        int mode = beta == 0f ? 0 : beta == 1f ? 1 : 2;
        Store(c, c00, c01, va, vb, mode);
        Store(c += ldc, c10, c11, va, vb, mode);
        Store(c += ldc, c20, c21, va, vb, mode);
        Store(c += ldc, c30, c31, va, vb, mode);
        Store(c += ldc, c40, c41, va, vb, mode);
        Store(c += ldc, c50, c51, va, vb, mode);
        Store(c += ldc, c60, c61, va, vb, mode);
        Store(c += ldc, c70, c71, va, vb, mode);
        Store(c += ldc, c80, c81, va, vb, mode);
        Store(c += ldc, c90, c91, va, vb, mode);
        Store(c += ldc, cA0, cA1, va, vb, mode);
        Store(c + ldc, cB0, cB1, va, vb, mode);
    }

    /// <summary>One 32-wide row of the tile: mode 0 overwrites, 1 accumulates, 2 scales C by beta first (shared with
    /// <see cref="Avx512MicroKernel8"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Store(float* c, Vector512<float> s0, Vector512<float> s1,
        Vector512<float> alpha, Vector512<float> beta, int mode)
    {
        if (mode == 0)
        {
            Vector512.Store(alpha * s0, c);
            Vector512.Store(alpha * s1, c + 16);
        }
        else if (mode == 1)
        {
            Vector512.Store(Vector512.FusedMultiplyAdd(alpha, s0, Vector512.Load(c)), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(alpha, s1, Vector512.Load(c + 16)), c + 16);
        }
        else
        {
            Vector512.Store(Vector512.FusedMultiplyAdd(alpha, s0, beta * Vector512.Load(c)), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(alpha, s1, beta * Vector512.Load(c + 16)), c + 16);
        }
    }
}
