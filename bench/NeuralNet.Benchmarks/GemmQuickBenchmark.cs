using System.Diagnostics;
using NeuralNet.Kernels;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>--gemm-quick</c>: GEMM throughput without BenchmarkDotNet, in the line format of bench/gemm_numpy.py so
/// bench/compare_gemm.sh can put the two side by side:
/// <c>gemm &lt;variant&gt; m=.. k=.. n=.. gflops=..</c>.
/// Per shape and variant: warm up, size a repetition count to ~0.2 s, then keep the best of five such trials.
/// Options: <c>--threads N</c> (KernelSettings.MaxThreads, default all cores), <c>--variants NN,TN,NT,TT</c>,
/// <c>--shape MxKxN</c>, <c>--eight-rows-max M</c> (the largest M the 8-row AVX-512 kernel takes, to compare kernels).
/// </summary>
public static class GemmQuickBenchmark
{
    /// <summary>The shapes, m x k x n.</summary>
    public static readonly (int M, int K, int N)[] Shapes = [(128, 784, 256), (512, 512, 512), (1024, 1024, 1024)];

    private const int Trials = 5;
    private const double TrialSeconds = 0.2;

    public static int Run(string[] args)
    {
        string[] variants = ["NN", "TN", "NT"];
        (int M, int K, int N)[] shapes = Shapes;
        for (int i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--threads")
                KernelSettings.MaxThreads = int.Parse(args[i + 1]);
            else if (args[i] == "--shape")
            {
                int[] d = args[i + 1].Split('x').Select(int.Parse).ToArray();
                shapes = [(d[0], d[1], d[2])];
            }
            else if (args[i] == "--variants")
                variants = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries);
            else if (args[i] == "--eight-rows-max") // experiment: the largest M the 8-row AVX-512 kernel takes
                Gemm.EightRowsMaxM = int.Parse(args[i + 1]);
        }

        foreach ((int m, int k, int n) in shapes)
        {
            float[] a = RandomMatrix(m * k, 1), b = RandomMatrix(k * n, 2), c = new float[m * n];
            foreach (string variant in variants)
            {
                double seconds = BestSeconds(variant[0] == 'T', variant[1] == 'T', m, n, k, a, b, c);
                Console.WriteLine($"gemm {variant} m={m} k={k} n={n} gflops={2.0 * m * n * k / seconds / 1e9:F1}");
            }
        }

        return 0;
    }

    /// <summary>Uniform values in [-1, 1) from a fixed seed.</summary>
    public static float[] RandomMatrix(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    private static double BestSeconds(bool transposeA, bool transposeB, int m, int n, int k,
        float[] a, float[] b, float[] c)
    {
        var clock = Stopwatch.StartNew();
        int calls = 0;
        while (calls < 3 || clock.Elapsed.TotalSeconds < 0.1) // warm-up: JIT tiers, workspaces, worker threads
        {
            Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, c);
            calls++;
        }

        int reps = Math.Max(1, (int)(TrialSeconds * calls / clock.Elapsed.TotalSeconds));
        double best = double.MaxValue;
        for (int trial = 0; trial < Trials; trial++)
        {
            clock.Restart();
            for (int r = 0; r < reps; r++)
                Gemm.Multiply(transposeA, transposeB, m, n, k, a, b, c);
            best = Math.Min(best, clock.Elapsed.TotalSeconds / reps);
        }

        return best;
    }
}
