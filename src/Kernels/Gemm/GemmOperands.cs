namespace NeuralNet.Kernels;

/// <summary>
/// One validated GEMM call as raw pointers: <c>C = Alpha * op(A) * op(B) + Beta * C</c>, op(A) M x K, op(B) K x N,
/// every matrix row-major with the given row strides. Valid only while the caller keeps the spans pinned.
/// </summary>
internal readonly unsafe struct GemmOperands(
    bool transposeA, bool transposeB, int m, int n, int k, float alpha,
    float* a, nint lda, float* b, nint ldb, float beta, float* c, nint ldc)
{
    public readonly bool TransposeA = transposeA;
    public readonly bool TransposeB = transposeB;
    public readonly int M = m;
    public readonly int N = n;
    public readonly int K = k;
    public readonly float Alpha = alpha;
    public readonly float* A = a;
    public readonly nint Lda = lda;
    public readonly float* B = b;
    public readonly nint Ldb = ldb;
    public readonly float Beta = beta;
    public readonly float* C = c;
    public readonly nint Ldc = ldc;
}
