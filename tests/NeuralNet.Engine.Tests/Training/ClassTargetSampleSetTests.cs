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

    private sealed class ClassIndexLoss : ILoss
    {
        public TargetEncoding TargetEncoding => TargetEncoding.ClassIndex;

        public float Forward(Tensor predictions, Tensor targets) => 0f;

        public void Backward(Tensor predictions, Tensor targets, Tensor gradient) { }
    }

    [Test]
    public void ClassIndexLoss_ReadsOneIndexPerSample_AndKeepsOneOutputPerClass()
    {
        DataSet data = Classes(4, 3, 0, 2, 1, 3);
        ISampleSet samples = ClassTargetSampleSet.For(data, new ClassIndexLoss());

        Assert.That(samples.TargetShape, Is.EqualTo(new TensorShape(1)), "one float per sample instead of one per class");
        Assert.That(ClassTargetSampleSet.OutputWidth(data, new ClassIndexLoss()), Is.EqualTo(4));
        var features = new float[3 * 2];
        var targets = new float[3];
        samples.Read([4, 1, 2], features, targets);
        Assert.That(targets, Is.EqualTo(new[] { 3f, 0f, 2f }));
        Assert.That(features, Is.EqualTo(new[] { 4f, -4f, 1f, -1f, 2f, -2f }));
    }

    [Test]
    public void ClassIndexLoss_OnRegressionOrMultiLabel_IsAConfigurationErrorNamingTheLoss()
    {
        var regression = new DataSet(new Tensor(3, 2), new Tensor(3, 1), null, "r.csv");
        var multiLabel = new DataSet(new Tensor(2, 2), new Tensor([1f, 1f, 0f, 1f], 2, new TensorShape(2)), ["a", "b"], "m.csv") { IsMultiLabel = true };
        var e1 = Assert.Throws<NeuralNet.Errors.ConfigurationException>(() => ClassTargetSampleSet.For(regression, new ClassIndexLoss(), "Experiment:Loss"))!;
        var e2 = Assert.Throws<NeuralNet.Errors.ConfigurationException>(() => ClassTargetSampleSet.For(multiLabel, new ClassIndexLoss(), "Experiment:Loss"))!;
        Assert.That(e1.Key, Is.EqualTo("Experiment:Loss"));
        Assert.That(e1.Message, Does.Contain("r.csv is regression"));
        Assert.That(e2.Message, Does.Contain("m.csv is multi-label"));
    }

    [Test]
    public void ClassIndexTargetMetric_GivesTheMetricOneHotRows()
    {
        var seen = new List<float[]>();
        var metric = ClassIndexTargetMetric.For(new Recorder(seen), new ClassIndexLoss(), classes: 3);
        var predictions = new Tensor(2, 3);
        metric.Update(predictions, new Tensor([2f, 0f], 2, new TensorShape(1)));
        metric.Update(predictions, new Tensor([1f, 1f], 2, new TensorShape(1)));
        Assert.That(seen[0], Is.EqualTo(new[] { 0f, 0f, 1f, 1f, 0f, 0f }));
        Assert.That(seen[1], Is.EqualTo(new[] { 0f, 1f, 0f, 0f, 1f, 0f }), "the buffer is cleared between batches");
        var plain = new Recorder(seen);
        Assert.That(ClassIndexTargetMetric.For(plain, new OneHotLoss(), 3), Is.SameAs(plain));
    }

    private sealed class Recorder(List<float[]> seen) : NeuralNet.Metrics.IMetric
    {
        public bool HigherIsBetter => true;

        public void Reset() { }

        public void Update(Tensor predictions, Tensor targets)
        {
            Assert.That(targets.SampleSize, Is.EqualTo(predictions.SampleSize));
            seen.Add(targets.ReadOnlySpan.ToArray());
        }

        public double Result() => 0;
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
