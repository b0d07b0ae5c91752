using NeuralNet.Augmentation;
using NeuralNet.Data;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Training;

public sealed class BatchLoaderTests
{
    /// <summary>Sample i has features [i, 10 i] and target [i].</summary>
    private static TensorSampleSet Numbered(int count)
    {
        var x = new Tensor(count, 2);
        var y = new Tensor(count, 1);
        for (int i = 0; i < count; i++) { x[i, 0] = i; x[i, 1] = 10 * i; y[i, 0] = i; }
        return new TensorSampleSet(x, y);
    }

    private static FeatureNormalizer Identity(int features) => new(NormalizationKind.None, new float[features], Enumerable.Repeat(1f, features).ToArray());

    private static List<float[]> Pass(BatchLoader loader, ISampleSet set, int[] order, int epoch = 1, bool augment = false)
    {
        var batches = new List<float[]>();
        loader.Begin(set, order, order.Length, epoch, augment);
        while (loader.Next(out Tensor x, out _, out _)) batches.Add(x.ReadOnlySpan.ToArray());
        return batches;
    }

    [Test]
    public void Next_ReadsBatchesInIndexOrder_WithAShortLastBatch()
    {
        using var loader = new BatchLoader(new TensorShape(2), new TensorShape(1), 3, Identity(2));
        int[] order = [4, 0, 6, 2, 5, 1, 3];
        var numbers = new List<int>();
        loader.Begin(Numbered(7), order, order.Length, 1, augment: false);
        while (loader.Next(out Tensor x, out Tensor y, out int batch))
        {
            Assert.That(batch, Is.EqualTo(numbers.Count / 3 + 1));
            for (int k = 0; k < x.BatchSize; k++)
            {
                Assert.That(x[k, 1], Is.EqualTo(10 * x[k, 0]));
                Assert.That(y[k, 0], Is.EqualTo(x[k, 0]));
                numbers.Add((int)x[k, 0]);
            }
        }
        Assert.That(numbers, Is.EqualTo(order));
        Assert.That(loader.Batches, Is.EqualTo(3));
    }

    [Test]
    public void Next_AppliesTheNormaliser()
    {
        var normalizer = new FeatureNormalizer(NormalizationKind.Standard, [1f, 0f], [2f, 0.5f]);
        using var loader = new BatchLoader(new TensorShape(2), new TensorShape(1), 4, normalizer);
        float[] batch = Pass(loader, Numbered(3), [2])[0];
        Assert.That(batch, Is.EqualTo(new[] { 2f, 10f }));
    }

    [Test]
    public void Augmentation_RunsOnlyWhenAsked_AndIsAPureFunctionOfEpochAndBatch()
    {
        using var loader = new BatchLoader(new TensorShape(2), new TensorShape(1), 2, Identity(2), [new AddNoise()], augmentationKey: 99);
        ISampleSet set = Numbered(4);
        int[] order = [0, 1, 2, 3];
        Assert.That(Pass(loader, set, order, augment: false)[0], Is.EqualTo(new[] { 0f, 0f, 1f, 10f }));
        List<float[]> first = Pass(loader, set, order, epoch: 1, augment: true);
        List<float[]> again = Pass(loader, set, order, epoch: 1, augment: true);
        List<float[]> nextEpoch = Pass(loader, set, order, epoch: 2, augment: true);
        Assert.That(first[0], Is.Not.EqualTo(new[] { 0f, 0f, 1f, 10f }));
        Assert.That(again, Is.EqualTo(first));
        Assert.That(nextEpoch[0], Is.Not.EqualTo(first[0]));
        Assert.That(first[1], Is.Not.EqualTo(first[0].Select(v => v + 2f).ToArray()), "batches draw from different streams");
    }

    [Test]
    public void Next_ReadFailureOnTheLoaderThread_IsRethrownToTheConsumer_AndTheLoaderStaysUsable()
    {
        using var loader = new BatchLoader(new TensorShape(2), new TensorShape(1), 2, Identity(2));
        var failing = new FailingSet(Numbered(6), failAt: 4);
        loader.Begin(failing, [0, 1, 2, 3, 4, 5], 6, 1, augment: false);
        Assert.That(loader.Next(out _, out _, out _), Is.True);
        Assert.That(loader.Next(out _, out _, out _), Is.True);
        var error = Assert.Throws<DataFormatException>(() => loader.Next(out _, out _, out _))!;
        Assert.That(error.Message, Does.Contain("sample 4"));
        Assert.That(Pass(loader, Numbered(6), [5]), Has.Count.EqualTo(1));
    }

    [Test]
    public void Begin_SamplesOfAnotherShape_AreRejected()
    {
        using var loader = new BatchLoader(new TensorShape(3), new TensorShape(1), 2, Identity(3));
        var error = Assert.Throws<ArgumentException>(() => loader.Begin(Numbered(2), [0], 1, 1, false))!;
        Assert.That(error.Message, Does.Contain("[2]").And.Contain("[3]"));
    }

    /// <summary>Adds a uniform draw in [0, 1) to every value.</summary>
    private sealed class AddNoise : IAugmentation
    {
        public void Prepare(TensorShape sampleShape, int maxBatchSize) { }

        public void Apply(Tensor batch, AugmentationContext context)
        {
            Span<float> x = batch.Span;
            for (int i = 0; i < x.Length; i++) x[i] += context.Uniform(i);
        }
    }

    private sealed class FailingSet(ISampleSet inner, int failAt) : ISampleSet
    {
        public int Count => inner.Count;
        public TensorShape FeatureShape => inner.FeatureShape;
        public TensorShape TargetShape => inner.TargetShape;

        public void Read(ReadOnlySpan<int> indices, Span<float> features, Span<float> targets)
        {
            foreach (int i in indices)
                if (i == failAt) throw new DataFormatException("set.bin", $"sample {i} is unreadable.");
            inner.Read(indices, features, targets);
        }
    }
}
