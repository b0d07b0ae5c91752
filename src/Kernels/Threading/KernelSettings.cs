namespace NeuralNet.Kernels.Threading;

/// <summary>Process-wide settings of the math kernels.</summary>
public static class KernelSettings
{
    private static volatile int s_maxThreads = Environment.ProcessorCount;

    /// <summary>
    /// Most threads one kernel call may use, the calling thread included (default
    /// <see cref="Environment.ProcessorCount"/>; 1 = never use worker threads). Kernels that split work (GEMM) do so
    /// in a fixed way determined by the shapes, and their results are bitwise identical for every value.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_maxThreads = value;
        }
    }
}
