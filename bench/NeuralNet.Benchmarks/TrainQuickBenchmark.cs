using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Plugins;
using NeuralNet.Kernels.Threading;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tensors;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>--train-quick</c>: one training step of the Fashion-MNIST MLP (784-256-128-10, ReLU, softmax cross-entropy,
/// Adam) or CNN (<c>--model cnn</c>, the layers of config/experiments/fashion-cnn.json), batch 128, built from the
/// built-in plugins as the host builds it, on random inputs. Prints the best of several trials of milliseconds per
/// step (best trial), and the best trial of each phase (forward, loss, backward, optimizer), and evaluation-mode forward samples/s. Best-of-trials makes
/// the figure robust to other work on the machine; it is a profile, not a side-by-side comparison (the compare_*.sh
/// scripts are). Options: <c>--threads N</c>, <c>--steps N</c> (per trial, default 40), <c>--trials N</c> (default 7).
/// Needs the host built in Release (its plugins folder).
/// </summary>
public static class TrainQuickBenchmark
{
    private const int Batch = 128;

    public static int Run(string[] args)
    {
        string model = Option(args, "--model") ?? "mlp";
        int steps = int.Parse(Option(args, "--steps") ?? "40"), trials = int.Parse(Option(args, "--trials") ?? "7");
        if (Option(args, "--threads") is { } t) KernelSettings.MaxThreads = int.Parse(t);

        var registry = new ComponentRegistry();
        new PluginLoader(registry, NullLogger<PluginLoader>.Instance).LoadAll([PluginsFolder()], new ServiceCollection());
        var builder = new ModelBuilder(registry);
        (TensorShape input, string[] layers) = model == "cnn" ? Cnn : Mlp;
        var pairs = new List<KeyValuePair<string, string?>>();
        for (int i = 0; i < layers.Length; i++)
            foreach (string kv in layers[i].Split(' '))
            {
                string[] p = kv.Split('=');
                pairs.Add(new($"L:{i}:{p[0]}", p[1]));
            }
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(pairs).Build();
        SequentialModel net = builder.Build(builder.Read(config.GetSection("L")), input, 10, Batch, new Random(1));
        var loss = (IFusedLoss)registry.Create<ILoss>("categorical_crossentropy", null, "loss").Component;
        IOptimizer optimizer = registry.Create<IOptimizer>("adam",
            new ConfigurationBuilder().AddInMemoryCollection([new("LearningRate", "0.001")]).Build(), "optimizer").Component;
        optimizer.Initialize(net.Parameters.ToArray());

        var x = new Tensor(Batch, input);
        var y = new Tensor(Batch, new TensorShape(10));
        var gradient = new Tensor(Batch, new TensorShape(10));
        var random = new Random(2);
        Span<float> xs = x.Span;
        for (int i = 0; i < xs.Length; i++) xs[i] = (float)random.NextDouble() * 2 - 1;
        for (int i = 0; i < Batch; i++) y.Span[i * 10 + random.Next(10)] = 1;

        int last = net.Layers.Count - 1;
        long[] best = [long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue];
        for (int trial = 0; trial < trials + 1; trial++)
        {
            long[] ticks = new long[5];
            for (int s = 0; s < steps; s++)
            {
                long t0 = Stopwatch.GetTimestamp();
                Tensor logits = net.Forward(x, ForwardContext.Train(1, s + 1), end: last);
                long t1 = Stopwatch.GetTimestamp();
                loss.ForwardFromLogits(logits, y);
                loss.BackwardFromLogits(logits, y, gradient);
                net.Layers[last].Forward(logits, ForwardContext.Train(1, s + 1));
                long t2 = Stopwatch.GetTimestamp();
                net.Backward(gradient, from: last);
                long t3 = Stopwatch.GetTimestamp();
                optimizer.Step();
                long t4 = Stopwatch.GetTimestamp();
                ticks[1] += t1 - t0; ticks[2] += t2 - t1; ticks[3] += t3 - t2; ticks[4] += t4 - t3;
            }
            ticks[0] = ticks[1] + ticks[2] + ticks[3] + ticks[4];
            if (trial == 0) continue; // warm-up
            for (int i = 0; i < 5; i++) best[i] = Math.Min(best[i], ticks[i]); // each phase's best: robust to a busy machine
        }

        double ms(long t) => t * 1000.0 / Stopwatch.Frequency / steps;
        Console.WriteLine($"train model={model} threads={KernelSettings.MaxThreads} batch={Batch} ms_per_step={ms(best[0]):F3} " +
                          $"samples_per_s={Batch / (ms(best[0]) / 1000):F0} forward={ms(best[1]):F3} loss={ms(best[2]):F3} " +
                          $"backward={ms(best[3]):F3} optimizer={ms(best[4]):F3}");

        if (args.Contains("--layers")) Layers(net, x, y, gradient, loss, steps, trials);

        long bestInfer = long.MaxValue;
        for (int trial = 0; trial < trials + 1; trial++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int s = 0; s < steps; s++) net.Forward(x, ForwardContext.Evaluation);
            long elapsed = Stopwatch.GetTimestamp() - t0;
            if (trial > 0) bestInfer = Math.Min(bestInfer, elapsed);
        }
        Console.WriteLine($"infer model={model} threads={KernelSettings.MaxThreads} batch={Batch} ms_per_batch={ms(bestInfer):F3} " +
                          $"samples_per_s={Batch / (ms(bestInfer) / 1000):F0}");
        return 0;
    }

    /// <summary>Best-of-trials milliseconds per step of each layer's forward and backward (<c>--layers</c>).</summary>
    private static void Layers(SequentialModel net, Tensor x, Tensor y, Tensor gradient, IFusedLoss loss, int steps, int trials)
    {
        int count = net.Layers.Count, last = count - 1;
        var fwd = new long[count];
        var bwd = new long[count];
        Array.Fill(fwd, long.MaxValue);
        Array.Fill(bwd, long.MaxValue);
        long bestTotal = long.MaxValue;
        for (int trial = 0; trial < trials + 1; trial++)
        {
            var f = new long[count];
            var b = new long[count];
            for (int s = 0; s < steps; s++)
            {
                var context = ForwardContext.Train(1, s + 1);
                Tensor h = x;
                for (int i = 0; i < last; i++)
                {
                    if (net.Fused[i]) continue;
                    long t0 = Stopwatch.GetTimestamp();
                    h = net.Layers[i].Forward(h, context);
                    f[i] += Stopwatch.GetTimestamp() - t0;
                }
                loss.BackwardFromLogits(h, y, gradient);
                Tensor? g = gradient;
                for (int i = last - 1; i >= 0; i--)
                {
                    if (net.Fused[i]) continue;
                    long t0 = Stopwatch.GetTimestamp();
                    g = net.Layers[i].Backward(g!, needInputGradient: i > 0);
                    b[i] += Stopwatch.GetTimestamp() - t0;
                }
            }
            if (trial == 0) continue;
            for (int i = 0; i < count; i++)
            {
                fwd[i] = Math.Min(fwd[i], f[i]);
                bwd[i] = Math.Min(bwd[i], b[i]);
            }
            bestTotal = Math.Min(bestTotal, f.Sum() + b.Sum());
        }
        double ms(long t) => t * 1000.0 / Stopwatch.Frequency / steps;
        Console.WriteLine($"  layers' forward and backward, best trial: {ms(bestTotal):F3} ms a step (sum of each layer's best: {ms(fwd.Sum() + bwd.Sum()):F3})");
        for (int i = 0; i < last; i++)
            Console.WriteLine($"  layer {i,2} {net.Specs[i].Name,-12} {(net.Fused[i] ? "(fused)" : ""),-8} forward={ms(fwd[i]):F3} backward={ms(bwd[i]):F3}");
    }

    private static readonly (TensorShape, string[]) Mlp = (new TensorShape(784),
        ["Type=dense Units=256", "Type=relu", "Type=dense Units=128", "Type=relu", "Type=dense", "Type=softmax"]);

    private static readonly (TensorShape, string[]) Cnn = (new TensorShape(1, 28, 28),
        ["Type=conv2d Filters=32 KernelSize=3 Padding=same", "Type=batch_norm", "Type=relu", "Type=max_pool2d PoolSize=2",
         "Type=conv2d Filters=64 KernelSize=3 Padding=same", "Type=batch_norm", "Type=relu", "Type=max_pool2d PoolSize=2",
         "Type=flatten", "Type=dense Units=128", "Type=relu", "Type=dropout Rate=0.3", "Type=dense", "Type=softmax"]);

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string PluginsFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeuralNet.sln"))) dir = dir.Parent;
        string plugins = Path.Combine(dir?.FullName ?? ".", "src", "Host", "bin", "Release", "net10.0", "plugins");
        if (!Directory.Exists(plugins))
            throw new DirectoryNotFoundException($"{plugins} not found: build the host first (dotnet build -c Release src/Host).");
        return plugins;
    }
}
