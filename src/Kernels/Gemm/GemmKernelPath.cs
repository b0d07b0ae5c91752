namespace NeuralNet.Kernels;

/// <summary>Which micro-kernel family <see cref="Gemm"/> runs; the best the hardware supports unless a test forces another.</summary>
internal enum GemmKernelPath
{
    /// <summary><see cref="ScalarMicroKernel"/>: any hardware.</summary>
    Scalar,

    /// <summary><see cref="Avx2MicroKernel"/>: AVX2 and FMA.</summary>
    Avx2,

    /// <summary><see cref="Avx512MicroKernel"/>: AVX-512F.</summary>
    Avx512,
}
