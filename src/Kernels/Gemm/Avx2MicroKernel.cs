using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// 6 x 16 AVX2/FMA micro-kernel for machines without AVX-512: 12 ymm accumulators (6 rows x 2 vectors of 8), two
/// vector loads of Bp and six broadcasts of Ap per k step; 15 of the 16 ymm registers.
/// </summary>
internal readonly struct Avx2MicroKernel : IGemmMicroKernel
{
    public static int MR => 6;

    public static int NR => 16;

    // Ap panel 6 x 256 x 4 B = 6 KiB in L1; a Bp micro-panel 256 x 16 x 4 B = 16 KiB streams past it.
    public static int KC => 256;

    public static int NC => 1024;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> x = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a += 6;
            b += 16;
        }

        Vector256<float> va = Vector256.Create(alpha);
        Vector256<float> vb = Vector256.Create(beta);
        int mode = beta == 0f ? 0 : beta == 1f ? 1 : 2;
        Store(c, c00, c01, va, vb, mode);
        Store(c += ldc, c10, c11, va, vb, mode);
        Store(c += ldc, c20, c21, va, vb, mode);
        Store(c += ldc, c30, c31, va, vb, mode);
        Store(c += ldc, c40, c41, va, vb, mode);
        Store(c + ldc, c50, c51, va, vb, mode);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(float* c, Vector256<float> s0, Vector256<float> s1,
        Vector256<float> alpha, Vector256<float> beta, int mode)
    {
        if (mode == 0)
        {
            Vector256.Store(alpha * s0, c);
            Vector256.Store(alpha * s1, c + 8);
        }
        else if (mode == 1)
        {
            Vector256.Store(Vector256.FusedMultiplyAdd(alpha, s0, Vector256.Load(c)), c);
            Vector256.Store(Vector256.FusedMultiplyAdd(alpha, s1, Vector256.Load(c + 8)), c + 8);
        }
        else
        {
            Vector256.Store(Vector256.FusedMultiplyAdd(alpha, s0, beta * Vector256.Load(c)), c);
            Vector256.Store(Vector256.FusedMultiplyAdd(alpha, s1, beta * Vector256.Load(c + 8)), c + 8);
        }
    }
}
