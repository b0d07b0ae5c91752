using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.Kernels;

/// <summary>Hardware support of the <see cref="GemmKernelPath"/> values.</summary>
internal static class GemmKernelPaths
{
    /// <summary>The fastest path this machine runs.</summary>
    public static GemmKernelPath Best { get; } =
        IsSupported(GemmKernelPath.Avx512) ? GemmKernelPath.Avx512
        : IsSupported(GemmKernelPath.Avx2) ? GemmKernelPath.Avx2
        : GemmKernelPath.Scalar;

    /// <summary>True if the micro-kernel of <paramref name="path"/> runs in hardware here.</summary>
    public static bool IsSupported(GemmKernelPath path) => path switch
    {
        GemmKernelPath.Avx512 => Avx512F.IsSupported && Vector512.IsHardwareAccelerated,
        GemmKernelPath.Avx2 => Avx2.IsSupported && Fma.IsSupported && Vector256.IsHardwareAccelerated,
        _ => true,
    };
}
