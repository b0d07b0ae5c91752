using NeuralNet.Data;
using NeuralNet.Engine.Training;
using NeuralNet.Losses;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Training;

/// <summary>Targets in the form the loss asks for: one 0/1 column for two classes under binary cross-entropy.</summary>
public sealed class ClassTargetSampleSetTests
{
    /// <summary>A stand-in for binary cross-entropy's rule: one output for two classes, else one per class.</summary>
    private sealed class OneOutputForTwoClasses : IClassOutputLoss
    {
        public int OutputWidth(int classes) => classes == 2 ? 1 : classes;

        public void EncodeTargets(ReadOnlySpan<float> oneHot, Span<float> targets)
        {
            if (oneHot.Length == 2) targets[0] = oneHot[1];
            else oneHot.CopyTo(targets);
        }

        public float Forward(Tensor predictions, Tensor targets) => 0f;

        public void Backward(Tensor predictions, Tensor targets, Tensor gradient) { }
    }

    private sealed class OneHotLoss : ILoss
    {
        public float Forward(Tensor predictions, Tensor targets) => 0f;

        public void Backward(Tensor predictions, Tensor targets, Tensor gradient) { }
    }

    private static DataSet Classes(int classes, params int[] labels)
    {
        var features = new Tensor(labels.Length, 2);
        var targets = new Tensor(labels.Length, classes);
        for (int i = 0; i < labels.Length; i++)
        {
            features[i, 0] = i;
            features[i, 1] = -i;
            targets[i, labels[i]] = 1f;
        }
        return new DataSet(features, targets, Enumerable.Range(0, classes).Select(c => $"c{c}").ToArray(), "test");
    }

    [Test]
    public void TwoClasses_LossWithOneOutput_ReadsOneColumnOfTheSecondClass()
    {
        DataSet data = Classes(2, 0, 1, 1, 0, 1);
        ISampleSet samples = ClassTargetSampleSet.For(data, new OneOutputForTwoClasses());

        Assert.That(samples.TargetShape, Is.EqualTo(new TensorShape(1)));
        Assert.That(samples.FeatureShape, Is.EqualTo(data.FeatureShape));
        Assert.That(samples.Count, Is.EqualTo(5));
        var features = new float[3 * 2];
        var targets = new float[3];
        samples.Read([4, 0, 2], features, targets);
        Assert.That(targets, Is.EqualTo(new[] { 1f, 0f, 1f }));
        Assert.That(features, Is.EqualTo(new[] { 4f, -4f, 0f, -0f, 2f, -2f }));
    }

    [Test]
    public void ThreeClasses_OrOneHotLoss_KeepTheDataSetsOwnSamples()
    {
        DataSet three = Classes(3, 0, 1, 2);
        DataSet two = Classes(2, 0, 1);
        Assert.That(ClassTargetSampleSet.For(three, new OneOutputForTwoClasses()), Is.SameAs(three.Samples));
        Assert.That(ClassTargetSampleSet.For(two, new OneHotLoss()), Is.SameAs(two.Samples));
    }

    [Test]
    public void Regression_KeepsItsTargets()
    {
        var data = new DataSet(new Tensor(3, 2), new Tensor(3, 1));
        Assert.That(ClassTargetSampleSet.For(data, new OneOutputForTwoClasses()), Is.SameAs(data.Samples));
    }

    [Test]
    public void Read_GrowingBatches_AllocatesOnlyToGrow()
    {
        ISampleSet samples = ClassTargetSampleSet.For(Classes(2, 0, 1, 1, 0), new OneOutputForTwoClasses());
        var features = new float[4 * 2];
        var targets = new float[4];
        int[] all = [0, 1, 2, 3], two = [3, 2];
        samples.Read(all, features, targets); // warm-up: the buffer grows to 4 rows
        samples.Read(two, features.AsSpan(0, 4), targets.AsSpan(0, 2));
        // Windows of 10 reads, as the layer allocation tests: a per-read allocation shows in every window, a one-time
        // runtime effect (tiered JIT) in one at most.
        var windows = new List<long>();
        for (int window = 0; window < 3 && (windows.Count == 0 || windows[^1] != 0); window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) samples.Read(two, features.AsSpan(0, 4), targets.AsSpan(0, 2));
            windows.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.That(windows[^1], Is.Zero, string.Join(", ", windows));
        Assert.That(targets.Take(2), Is.EqualTo(new[] { 0f, 1f }));
    }
}
