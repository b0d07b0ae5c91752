using NeuralNet.Evaluation.Validation;
using NeuralNet.Validation;

namespace NeuralNet.Evaluation.Tests.Validation;

public sealed class KFoldValidatorTests
{
    private static IReadOnlyList<DataSplit> Split(KFoldOptions options, int count, int[]? labels = null, bool predefinedTest = false, int seed = 1)
        => new KFoldValidator(options).Split(new SplitRequest(count, labels, predefinedTest, new Random(seed)));

    [Test]
    public void Split_Defaults_FiveNamedFoldsSizedAsSklearnKFold()
    {
        IReadOnlyList<DataSplit> splits = Split(new KFoldOptions(), 103);

        Assert.That(splits.Select(s => s.Name), Is.EqualTo(new[] { "fold 1/5", "fold 2/5", "fold 3/5", "fold 4/5", "fold 5/5" }));
        Assert.That(splits.Select(s => s.Validation.Length), Is.EqualTo(new[] { 21, 21, 21, 20, 20 }));
        Assert.That(splits.Select(s => s.Train.Length), Is.EqualTo(new[] { 82, 82, 82, 83, 83 }));
        Assert.That(splits.All(s => s.Test.Length == 0));
    }

    [TestCase(false, 0.0)]
    [TestCase(true, 0.0)]
    [TestCase(true, 0.2)]
    public void Split_ValidationFoldsPartitionTheNonTestData(bool stratify, double testFraction)
    {
        int[] labels = SplitAssert.ImbalancedLabels(250);

        IReadOnlyList<DataSplit> splits = Split(new KFoldOptions { Folds = 4, Stratify = stratify, TestFraction = testFraction }, 250, labels);

        Assert.That(splits, Has.Count.EqualTo(4));
        int[] test = splits[0].Test;
        Assert.That(test, Has.Length.EqualTo((int)Math.Ceiling(testFraction * 250)));
        var validated = new List<int>();
        foreach (DataSplit split in splits)
        {
            SplitAssert.PartitionsAll(split, 250);
            Assert.That(split.Test, Is.EqualTo(test), "Every fold shares one test part.");
            validated.AddRange(split.Validation);
        }
        Assert.That(validated.Order(), Is.EqualTo(Enumerable.Range(0, 250).Except(test)), "Validation folds must partition the non-test samples.");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Split_Stratified_EveryFoldAndTestWithinOne(bool shuffle)
    {
        int[] labels = SplitAssert.ImbalancedLabels(301);

        IReadOnlyList<DataSplit> splits = Split(new KFoldOptions { Folds = 7, Shuffle = shuffle, TestFraction = 0.1 }, 301, labels);

        SplitAssert.Stratified(splits[0].Test, labels, "test");
        foreach (DataSplit split in splits)
        {
            SplitAssert.Stratified(split.Validation, labels, split.Name);
            SplitAssert.PartitionsAll(split, 301);
        }
    }

    [Test]
    public void Split_SameSeed_SameFolds_DifferentSeed_DifferentFolds()
    {
        int[] labels = SplitAssert.ImbalancedLabels(120);
        var options = new KFoldOptions { Folds = 3 };

        var a = Split(options, 120, labels, seed: 5);
        var b = Split(options, 120, labels, seed: 5);
        var c = Split(options, 120, labels, seed: 6);

        Assert.That(b.Select(s => s.Validation), Is.EqualTo(a.Select(s => s.Validation)));
        Assert.That(b.Select(s => s.Train), Is.EqualTo(a.Select(s => s.Train)));
        Assert.That(c[0].Validation, Is.Not.EqualTo(a[0].Validation));
    }

    [Test]
    public void Split_PredefinedTest_TestFractionIgnored()
    {
        IReadOnlyList<DataSplit> splits = Split(new KFoldOptions { Folds = 5, TestFraction = 0.3 }, 100, predefinedTest: true);

        Assert.That(splits.All(s => s.Test.Length == 0));
        Assert.That(splits.Select(s => s.Validation.Length), Is.All.EqualTo(20));
        foreach (DataSplit split in splits) SplitAssert.PartitionsAll(split, 100);
    }

    [Test]
    public void Split_NoShuffleNoStratify_ContiguousFoldsInOrder()
    {
        IReadOnlyList<DataSplit> splits = Split(new KFoldOptions { Folds = 3, Shuffle = false, Stratify = false }, 10);

        Assert.That(splits[0].Validation, Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(splits[1].Validation, Is.EqualTo(new[] { 4, 5, 6 }));
        Assert.That(splits[2].Validation, Is.EqualTo(new[] { 7, 8, 9 }));
        Assert.That(splits[1].Train, Is.EqualTo(new[] { 0, 1, 2, 3, 7, 8, 9 }));
    }

    [Test]
    public void Split_FewerSamplesThanFolds_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => Split(new KFoldOptions { Folds = 5, TestFraction = 0.5 }, 8))!;

        Assert.That(error.Message, Does.Contain("5 folds").And.Contain("4 samples"));
    }
}
