using NeuralNet.Evaluation.Validation;
using NeuralNet.Validation;

namespace NeuralNet.Evaluation.Tests.Validation;

public sealed class RepeatedKFoldValidatorTests
{
    private static IReadOnlyList<DataSplit> Split(RepeatedKFoldOptions options, int count, int[]? labels = null, bool predefinedTest = false, int seed = 1)
        => new RepeatedKFoldValidator(options).Split(new SplitRequest(count, labels, predefinedTest, new Random(seed)));

    [Test]
    public void Split_NamesEveryFoldOfEveryRepeat()
    {
        IReadOnlyList<DataSplit> splits = Split(new RepeatedKFoldOptions { Folds = 3, Repeats = 2 }, 30);

        Assert.That(splits.Select(s => s.Name), Is.EqualTo(new[]
        {
            "repeat 1/2 fold 1/3", "repeat 1/2 fold 2/3", "repeat 1/2 fold 3/3",
            "repeat 2/2 fold 1/3", "repeat 2/2 fold 2/3", "repeat 2/2 fold 3/3",
        }));
    }

    [TestCase(false, 0.0)]
    [TestCase(true, 0.0)]
    [TestCase(true, 0.2)]
    [TestCase(false, 0.15)]
    public void Split_EachRepeatPartitionsTheNonTestData_AroundOneSharedTestPart(bool stratify, double testFraction)
    {
        int[] labels = SplitAssert.ImbalancedLabels(203);

        IReadOnlyList<DataSplit> splits = Split(new RepeatedKFoldOptions { Folds = 4, Repeats = 3, Stratify = stratify, TestFraction = testFraction }, 203, labels);

        Assert.That(splits, Has.Count.EqualTo(12));
        int[] test = splits[0].Test;
        Assert.That(test, Has.Length.EqualTo((int)Math.Ceiling(testFraction * 203)));
        if (stratify && test.Length > 0) SplitAssert.Stratified(test, labels, "test");
        for (int r = 0; r < 3; r++)
        {
            var validated = new List<int>();
            foreach (DataSplit split in splits.Skip(4 * r).Take(4))
            {
                SplitAssert.PartitionsAll(split, 203);
                Assert.That(split.Test, Is.EqualTo(test), "Every split of every repeat shares one test part.");
                Assert.That(split.Validation, Is.Ordered);
                if (stratify) SplitAssert.Stratified(split.Validation, labels, split.Name);
                validated.AddRange(split.Validation);
            }
            Assert.That(validated.Order(), Is.EqualTo(Enumerable.Range(0, 203).Except(test)), $"repeat {r + 1}'s folds must partition the non-test samples");
        }
    }

    [Test]
    public void Split_RepeatsDealDifferentFolds_EachFromItsOwnSeed()
    {
        int[] labels = SplitAssert.ImbalancedLabels(90);
        IReadOnlyList<DataSplit> three = Split(new RepeatedKFoldOptions { Folds = 3, Repeats = 3 }, 90, labels, seed: 4);
        IReadOnlyList<DataSplit> two = Split(new RepeatedKFoldOptions { Folds = 3, Repeats = 2 }, 90, labels, seed: 4);
        IReadOnlyList<DataSplit> again = Split(new RepeatedKFoldOptions { Folds = 3, Repeats = 3 }, 90, labels, seed: 4);
        IReadOnlyList<DataSplit> otherSeed = Split(new RepeatedKFoldOptions { Folds = 3, Repeats = 3 }, 90, labels, seed: 5);

        Assert.That(three[3].Validation, Is.Not.EqualTo(three[0].Validation), "repeat 2 deals other folds than repeat 1");
        Assert.That(three[6].Validation, Is.Not.EqualTo(three[3].Validation));
        Assert.That(two.Select(s => s.Validation), Is.EqualTo(three.Take(6).Select(s => s.Validation)), "a repeat does not depend on the repeats after it");
        Assert.That(again.Select(s => s.Validation), Is.EqualTo(three.Select(s => s.Validation)), "same seed, same splits");
        Assert.That(otherSeed[0].Validation, Is.Not.EqualTo(three[0].Validation));
    }

    [Test]
    public void Split_PredefinedTest_TestFractionIgnored()
    {
        IReadOnlyList<DataSplit> splits = Split(new RepeatedKFoldOptions { Folds = 5, Repeats = 2, TestFraction = 0.3 }, 100, predefinedTest: true);

        Assert.That(splits.All(s => s.Test.Length == 0));
        Assert.That(splits.Select(s => s.Validation.Length), Is.All.EqualTo(20));
    }

    [Test]
    public void Split_FewerSamplesThanFolds_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => Split(new RepeatedKFoldOptions { Folds = 5, TestFraction = 0.5 }, 8))!;

        Assert.That(error.Message, Does.Contain("5 folds").And.Contain("4 samples"));
    }

    [TestCase("best", KeptModel.Best)]
    [TestCase("LAST", KeptModel.Last)]
    [TestCase("retrain", KeptModel.Retrain)]
    public void Keep_IsDeclaredToTheEngine(string keep, KeptModel expected)
    {
        Assert.That(new RepeatedKFoldValidator(new RepeatedKFoldOptions { Keep = keep }).Keep, Is.EqualTo(expected));
        Assert.That(new KFoldValidator(new KFoldOptions { Keep = keep }).Keep, Is.EqualTo(expected));
    }

    [Test]
    public void Keep_DefaultsToBest()
        => Assert.That(new KFoldValidator(new KFoldOptions()).Keep, Is.EqualTo(KeptModel.Best));
}
