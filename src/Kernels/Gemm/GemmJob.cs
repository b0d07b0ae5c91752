using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels;

/// <summary>
/// Runs one GEMM on the <see cref="WorkerPool"/>: chooses the <see cref="GemmPartition"/> and has each part run
/// <see cref="GemmDriver{TKernel}.RunBlock"/> on its rows or columns of C.
/// </summary>
/// <remarks>One job object is cached per calling thread, so a call allocates nothing once warm.</remarks>
internal sealed class GemmJob<TKernel> : IParallelWork where TKernel : struct, IGemmMicroKernel
{
    [ThreadStatic]
    private static GemmJob<TKernel>? t_cached;

    private GemmOperands _operands;
    private GemmPartition _partition;

    /// <summary>Computes the whole product on at most <paramref name="maxThreads"/> threads.</summary>
    public static void Run(in GemmOperands operands, int maxThreads)
    {
        GemmPartition partition =
            GemmPartition.Create(operands.M, operands.N, operands.K, TKernel.MR, TKernel.NR, maxThreads);
        if (partition.Parts == 1)
        {
            GemmDriver<TKernel>.RunBlock(operands, 0, operands.M, 0, operands.N);
            return;
        }

        GemmJob<TKernel> job = t_cached ??= new GemmJob<TKernel>();
        job._operands = operands;
        job._partition = partition;
        try
        {
            WorkerPool.Shared.Run(job, partition.Parts);
        }
        finally
        {
            job._operands = default;
        }
    }

    public void Execute(int part)
    {
        (int i0, int i1, int j0, int j1) = _partition.Range(part, _operands.M, _operands.N);
        if (i0 < i1 && j0 < j1)
            GemmDriver<TKernel>.RunBlock(_operands, i0, i1, j0, j1);
    }
}
