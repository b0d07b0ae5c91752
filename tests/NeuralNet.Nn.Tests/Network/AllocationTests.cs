using NeuralNet.Activations;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Optimizers;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Tests.Network;

/// <summary>
/// After Build and Initialize, a training step (forward, fused loss, backward, optimizer step) allocates nothing
/// on the calling thread, for a full batch and a smaller last batch alike. (GEMM may use worker threads; their
/// allocations are not counted here.)
/// </summary>
public class AllocationTests
{
    private const int Batch = 32, Features = 20, Hidden = 64, Classes = 10;

    [TestCase("adam")]
    [TestCase("sgd")]
    [TestCase("rmsprop")]
    [TestCase("adagrad")]
    [TestCase("adamw")]
    public void TrainingStep_AfterWarmUp_AllocatesNothing(string optimizerName)
    {
        ILayer first = Plugin.Create<ILayer>("dense", new Dictionary<string, string?> { ["Units"] = Hidden.ToString() });
        ILayer second = Plugin.Create<ILayer>("dense");
        IActivation relu = Plugin.Create<IActivation>("relu");
        var loss = (IFusedLoss)Plugin.Create<ILoss>("categorical_crossentropy");
        IOptimizer optimizer = Plugin.Create<IOptimizer>(optimizerName,
            optimizerName == "sgd" ? new Dictionary<string, string?> { ["Momentum"] = "0.9", ["WeightDecay"] = "0.001" } : null);
        TensorShape hiddenShape = first.Build(new TensorShape(Features), Plugin.Context(Batch));
        second.Build(hiddenShape, Plugin.Context(Batch, outputSize: Classes));
        optimizer.Initialize([.. first.Parameters, .. second.Parameters]);

        // The engine owns these buffers (the activation layer's and the loss gradient's), allocated once too.
        var hidden = new Tensor(Batch, hiddenShape);
        var hiddenGradient = new Tensor(Batch, hiddenShape);
        var logitsGradient = new Tensor(Batch, Classes);
        Tensor input = Plugin.Uniform(Batch, new TensorShape(Features), seed: 1, -1f, 1f);
        Tensor targets = Plugin.OneHot(Batch, Classes, stride: 3);

        float Step(int batch)
        {
            input.SetBatchSize(batch);
            targets.SetBatchSize(batch);
            hidden.SetBatchSize(batch);
            hiddenGradient.SetBatchSize(batch);
            logitsGradient.SetBatchSize(batch);
            Tensor preActivation = first.Forward(input, ForwardContext.Train(1, 1));
            relu.Forward(preActivation, hidden);
            Tensor logits = second.Forward(hidden, ForwardContext.Train(1, 1));
            float value = loss.ForwardFromLogits(logits, targets);
            loss.BackwardFromLogits(logits, targets, logitsGradient);
            Tensor upstream = second.Backward(logitsGradient, needInputGradient: true)!;
            relu.Backward(preActivation, hidden, upstream, hiddenGradient);
            first.Backward(hiddenGradient, needInputGradient: false);
            optimizer.Step();
            return value;
        }

        float firstLoss = Step(Batch);
        Step(Batch - 12);
        // Up to three windows of 10 steps: a per-step allocation shows in every window, while a one-time runtime
        // effect (tiered JIT, a type's first use on this thread) can land in one window and must not fail the test.
        var windows = new List<long>();
        float lastLoss = 0;
        for (int window = 0; window < 3 && (windows.Count == 0 || windows[^1] != 0); window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) lastLoss = Step(i % 3 == 2 ? Batch - 12 : Batch);
            windows.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.That(windows[^1], Is.Zero, $"Bytes allocated over windows of 10 training steps with {optimizerName}: {string.Join(", ", windows)}.");
        Assert.That(lastLoss, Is.LessThan(firstLoss), "the steps must actually train");
    }
}
