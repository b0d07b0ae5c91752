using BenchmarkDotNet.Running;
using NeuralNet.Benchmarks;

if (args.Contains("--conv-quick"))
    return ConvQuickBenchmark.Run(args);
if (args.Contains("--train-quick"))
    return TrainQuickBenchmark.Run(args);
if (args.Contains("--gemm-quick"))
    return GemmQuickBenchmark.Run(args);

BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(args);
return 0;
