using BenchmarkDotNet.Attributes;
using NeuralNet.Kernels;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <see cref="Gemm.Multiply(bool, bool, int, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
/// on the shapes of the "Fast numerics" issue (m x k x n): a dense layer at batch 128 (128x784x256) and two squares,
/// in the three variants a dense layer uses (NN forward, TN weight gradient, NT input gradient).
/// Run: <c>dotnet run -c Release --project bench/NeuralNet.Benchmarks -- --filter *GemmBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private int _m, _k, _n;

    /// <summary>m x k x n.</summary>
    [Params("128x784x256", "512x512x512", "1024x1024x1024")]
    public string Shape { get; set; } = "128x784x256";

    /// <summary>Transposes of op(A) and op(B).</summary>
    [Params("NN", "TN", "NT")]
    public string Variant { get; set; } = "NN";

    [GlobalSetup]
    public void Setup()
    {
        int[] dims = Shape.Split('x').Select(int.Parse).ToArray();
        (_m, _k, _n) = (dims[0], dims[1], dims[2]);
        _a = GemmQuickBenchmark.RandomMatrix(_m * _k, 1);
        _b = GemmQuickBenchmark.RandomMatrix(_k * _n, 2);
        _c = new float[_m * _n];
    }

    [Benchmark]
    public void Multiply() => Gemm.Multiply(Variant[0] == 'T', Variant[1] == 'T', _m, _n, _k, _a, _b, _c);
}
