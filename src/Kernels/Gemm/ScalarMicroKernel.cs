using System.Runtime.CompilerServices;

namespace NeuralNet.Kernels;

/// <summary>
/// 4 x 4 scalar micro-kernel: the portable fallback when neither AVX-512 nor AVX2/FMA is available. Sixteen scalar
/// accumulators; each product is rounded before it is added (no fused multiply-add), as plain C# does.
/// </summary>
internal readonly struct ScalarMicroKernel : IGemmMicroKernel
{
    public static int MR => 4;

    public static int NR => 4;

    public static int KC => 256;

    public static int NC => 512;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        float s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        float s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (int p = 0; p < kc; p++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            float x = a[0];
            s00 += x * b0; s01 += x * b1; s02 += x * b2; s03 += x * b3;
            x = a[1];
            s10 += x * b0; s11 += x * b1; s12 += x * b2; s13 += x * b3;
            x = a[2];
            s20 += x * b0; s21 += x * b1; s22 += x * b2; s23 += x * b3;
            x = a[3];
            s30 += x * b0; s31 += x * b1; s32 += x * b2; s33 += x * b3;
            a += 4;
            b += 4;
        }

        Store(c, s00, s01, s02, s03, alpha, beta);
        Store(c += ldc, s10, s11, s12, s13, alpha, beta);
        Store(c += ldc, s20, s21, s22, s23, alpha, beta);
        Store(c + ldc, s30, s31, s32, s33, alpha, beta);
    }

    private static unsafe void Store(float* c, float s0, float s1, float s2, float s3, float alpha, float beta)
    {
        if (beta == 0f)
        {
            c[0] = alpha * s0;
            c[1] = alpha * s1;
            c[2] = alpha * s2;
            c[3] = alpha * s3;
        }
        else
        {
            c[0] = alpha * s0 + beta * c[0];
            c[1] = alpha * s1 + beta * c[1];
            c[2] = alpha * s2 + beta * c[2];
            c[3] = alpha * s3 + beta * c[3];
        }
    }
}
