using System.Diagnostics;
using NeuralNet.Kernels;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>--conv-quick</c>: milliseconds per call of each convolution and pooling stage of the Fashion-MNIST CNN
/// (batch 128: conv 1->32 3x3 same on 28x28, maxpool 2, conv 32->64 3x3 same on 14x14, maxpool 2), best of five
/// trials after warm-up, plus the im2col share of each convolution and the Winograd F(2x2, 3x3) forward and backward. Options: <c>--threads N</c>, <c>--only PREFIX</c> (stages whose name starts so, for example <c>conv2</c>).
/// </summary>
public static class ConvQuickBenchmark
{
    private const int Batch = 128;

    private static string? s_only;

    public static int Run(string[] args)
    {
        for (int i = 0; i < args.Length - 1; i++)
            if (args[i] == "--threads")
                KernelSettings.MaxThreads = int.Parse(args[i + 1]);

        string? only = null;
        for (int i = 0; i < args.Length - 1; i++)
            if (args[i] == "--only")
                only = args[i + 1];
        s_only = only;
        Console.WriteLine($"threads={KernelSettings.MaxThreads} batch={Batch}");
        Conv("conv1 1->32 28x28", Conv2dGeometry.Same(1, 28, 28, 3, 3), 32, firstLayer: true);
        Pool("maxpool 32x28x28", Pool2dGeometry.Create(32, 28, 28, 2, 2));
        Conv("conv2 32->64 14x14", Conv2dGeometry.Same(32, 14, 14, 3, 3), 64, firstLayer: false);
        Pool("maxpool 64x14x14", Pool2dGeometry.Create(64, 14, 14, 2, 2));
        return 0;
    }

    private static void Conv(string name, Conv2dGeometry g, int filters, bool firstLayer)
    {
        float[] x = GemmQuickBenchmark.RandomMatrix(Batch * g.InputSize, 1);
        float[] w = GemmQuickBenchmark.RandomMatrix(filters * g.ColumnCount, 2);
        float[] bias = new float[filters], y = new float[Batch * filters * g.OutputPositions];
        float[] dy = GemmQuickBenchmark.RandomMatrix(y.Length, 3), dw = new float[w.Length], db = new float[filters];
        float[] dx = firstLayer ? [] : new float[x.Length];
        float[] scratch = new float[ConvolutionKernels.BackwardScratchLength(g, Batch, filters)];
        int chunk = ConvolutionKernels.ChunkSamples(g, Batch);
        float[] columns = new float[Batch * g.OutputPositions * g.ColumnCount];

        Report(name, "forward", () => ConvolutionKernels.Conv2dForward(g, Batch, filters, x, w, bias, y, scratch));
        Report(name, firstLayer ? "backward (no dX)" : "backward", () => ConvolutionKernels.Conv2dBackward(g, Batch, filters, x, w, dy, dw, db, dx, scratch));
        Report(name, $"im2col ({chunk}/chunk)", () => ConvolutionKernels.Im2Col(g, chunk, x.AsSpan(0, chunk * g.InputSize), columns.AsSpan(0, chunk * g.OutputPositions * g.ColumnCount)));
        if (!firstLayer)
            Report(name, $"col2im ({chunk}/chunk)", () => ConvolutionKernels.Col2Im(g, chunk, columns.AsSpan(0, chunk * g.OutputPositions * g.ColumnCount), dx.AsSpan(0, chunk * g.InputSize)));
        if (WinogradConvolution.Supports(g))
        {
            float[] winogradScratch = new float[WinogradConvolution.BackwardScratchLength(g, Batch, filters)];
            Report(name, "winograd forward", () => WinogradConvolution.Conv2dForward(g, Batch, filters, x, w, bias, y, winogradScratch));
            Report(name, firstLayer ? "winograd bwd (no dX)" : "winograd backward", () => WinogradConvolution.Conv2dBackward(g, Batch, filters, x, w, dy, dw, db, dx, winogradScratch));
            if (!firstLayer)
            {
                Report(name, "backward (no dX)", () => ConvolutionKernels.Conv2dBackward(g, Batch, filters, x, w, dy, dw, db, [], scratch));
                Report(name, "winograd bwd (no dX)", () => WinogradConvolution.Conv2dBackward(g, Batch, filters, x, w, dy, dw, db, [], winogradScratch));
            }
        }
    }

    private static void Pool(string name, Pool2dGeometry g)
    {
        float[] x = GemmQuickBenchmark.RandomMatrix(Batch * g.InputSize, 4), y = new float[Batch * g.OutputSize];
        float[] dx = new float[x.Length];
        int[] argmax = new int[y.Length];
        Report(name, "forward", () => PoolingKernels.MaxPool2dForward(g, Batch, x, y, argmax));
        Report(name, "backward", () => PoolingKernels.MaxPool2dBackward(g, Batch, y, argmax, dx));
    }

    private static void Report(string name, string stage, Action call)
    {
        if (s_only is not null && !name.StartsWith(s_only, StringComparison.Ordinal))
            return;
        var clock = Stopwatch.StartNew();
        int calls = 0;
        while (calls < 3 || clock.Elapsed.TotalSeconds < 0.1)
        {
            call();
            calls++;
        }

        int reps = Math.Max(1, (int)(0.2 * calls / clock.Elapsed.TotalSeconds));
        double best = double.MaxValue;
        for (int trial = 0; trial < 5; trial++)
        {
            clock.Restart();
            for (int r = 0; r < reps; r++)
                call();
            best = Math.Min(best, clock.Elapsed.TotalSeconds / reps);
        }

        Console.WriteLine($"{name,-20} {stage,-18} {best * 1e3,8:F3} ms");
    }
}
