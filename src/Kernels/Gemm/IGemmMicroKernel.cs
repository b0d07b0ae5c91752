namespace NeuralNet.Kernels;

/// <summary>
/// A register-tiled GEMM micro-kernel: multiplies one packed MR x kc panel of op(A) by one packed kc x NR panel of
/// op(B) and writes the MR x NR tile <c>C = alpha * (Ap * Bp) + beta * C</c>.
/// </summary>
/// <remarks>
/// Implementations are structs so that <see cref="GemmDriver{TKernel}"/> is specialised per kernel by the JIT
/// (static abstract members: no virtual calls, tile sizes become constants). Packed layouts (see
/// <see cref="GemmPacking"/>): Ap holds MR floats per k step (<c>Ap[p * MR + r]</c>), Bp holds NR floats per k step
/// (<c>Bp[p * NR + j]</c>). The k-sum of every element runs p = 0, 1, ..., kc - 1 in that order, one accumulator
/// per element, so the result does not depend on how the caller splits C among threads.
/// (Namespace is NeuralNet.Kernels rather than a folder namespace because the public type <c>Gemm</c> owns that name.)
/// </remarks>
internal interface IGemmMicroKernel
{
    /// <summary>Rows of the C tile (broadcast operands from Ap per k step).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the C tile (vector loads from Bp per k step).</summary>
    static abstract int NR { get; }

    /// <summary>Largest k block: a packed Ap panel (MR x KC) stays in L1 while B panels stream from L2.</summary>
    static abstract int KC { get; }

    /// <summary>Largest n block: a packed B block (KC x NC) stays in L2.</summary>
    static abstract int NC { get; }

    /// <summary>
    /// C[r * ldc + j] = alpha * Σ_p a[p * MR + r] * b[p * NR + j] + (beta == 0 ? 0 : beta * C[r * ldc + j]) for the
    /// full MR x NR tile. beta == 0 never reads C (so NaN in C is overwritten).
    /// </summary>
    static abstract unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta);
}
