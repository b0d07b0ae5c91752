using NeuralNet.Evaluation.Validation;
using NeuralNet.Validation;

namespace NeuralNet.Evaluation.Tests.Validation;

public sealed class HoldoutValidatorTests
{
    private static DataSplit SplitOnce(HoldoutOptions options, int count, int[]? labels = null, bool predefinedTest = false, int seed = 1)
    {
        IReadOnlyList<DataSplit> splits = new HoldoutValidator(options).Split(new SplitRequest(count, labels, predefinedTest, new Random(seed)));
        Assert.That(splits, Has.Count.EqualTo(1));
        Assert.That(splits[0].Name, Is.EqualTo("holdout"));
        return splits[0];
    }

    [Test]
    public void Split_Defaults1500Samples_1050Train225Validation225Test()
    {
        DataSplit split = SplitOnce(new HoldoutOptions(), 1500);

        Assert.That((split.Train.Length, split.Validation.Length, split.Test.Length), Is.EqualTo((1050, 225, 225)));
        SplitAssert.PartitionsAll(split, 1500);
    }

    [TestCase(10, 0.15, 0.15, 6, 2, 2)]   // ⌈1.5⌉ = 2 each, as sklearn's ceil(test_size * n)
    [TestCase(100, 0.07, 0.1, 83, 7, 10)] // 0.07 · 100 = 7.000000000000001 in floating point: still 7
    [TestCase(101, 0.2, 0.0, 80, 21, 0)]
    [TestCase(100, 0.0, 0.2, 80, 0, 20)]  // a test split without validation, as the CSV seed allows
    public void Split_Sizes_RoundHeldOutPartsUp(int count, double validation, double test, int train, int expectedValidation, int expectedTest)
    {
        DataSplit split = SplitOnce(new HoldoutOptions { ValidationFraction = validation, TestFraction = test }, count);

        Assert.That((split.Train.Length, split.Validation.Length, split.Test.Length), Is.EqualTo((train, expectedValidation, expectedTest)));
        SplitAssert.PartitionsAll(split, count);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Split_Stratified_EveryPartKeepsClassProportionsWithinOne(bool shuffle)
    {
        int[] labels = SplitAssert.ImbalancedLabels(997);

        DataSplit split = SplitOnce(new HoldoutOptions { ValidationFraction = 0.2, TestFraction = 0.1, Shuffle = shuffle }, 997, labels);

        SplitAssert.PartitionsAll(split, 997);
        SplitAssert.Stratified(split.Train, labels, "train");
        SplitAssert.Stratified(split.Validation, labels, "validation");
        SplitAssert.Stratified(split.Test, labels, "test");
    }

    [Test]
    public void Split_StratifiedManyRandomShapes_ExactSizesAndWithinOne()
    {
        // Tiny classes, singletons and many classes exercise the rounding of every (class, part) count.
        var random = new Random(123);
        for (int trial = 0; trial < 200; trial++)
        {
            int count = random.Next(8, 300);
            int classes = random.Next(1, 12);
            int[] labels = Enumerable.Range(0, count).Select(_ => (int)Math.Floor(classes * Math.Pow(random.NextDouble(), 3))).ToArray();
            var options = new HoldoutOptions { ValidationFraction = 0.05 + random.NextDouble() * 0.3, TestFraction = random.NextDouble() * 0.3 };

            DataSplit split = SplitOnce(options, count, labels, seed: trial);

            int validation = (int)Math.Ceiling(Math.Round(options.ValidationFraction * count, 9));
            int test = (int)Math.Ceiling(Math.Round(options.TestFraction * count, 9));
            Assert.That((split.Validation.Length, split.Test.Length), Is.EqualTo((validation, test)), $"trial {trial}");
            SplitAssert.PartitionsAll(split, count);
            SplitAssert.Stratified(split.Train, labels, $"trial {trial} train");
            SplitAssert.Stratified(split.Validation, labels, $"trial {trial} validation");
            SplitAssert.Stratified(split.Test, labels, $"trial {trial} test");
        }
    }

    [Test]
    public void Split_StratifyOff_DoesNotAlwaysKeepProportions()
    {
        // Unstratified shuffled splits of a 50/50 label set drift from exact halves on some seed: proves stratification is what keeps them.
        int[] labels = Enumerable.Range(0, 200).Select(i => i % 2).ToArray();
        bool drifted = Enumerable.Range(0, 20).Any(seed =>
        {
            DataSplit split = SplitOnce(new HoldoutOptions { ValidationFraction = 0.2, TestFraction = 0.2, Stratify = false }, 200, labels, seed: seed);
            return Math.Abs(split.Validation.Count(i => labels[i] == 1) - 20) >= 1;
        });

        Assert.That(drifted, Is.True);
    }

    [Test]
    public void Split_SameSeed_SameSplit_DifferentSeed_DifferentSplit()
    {
        int[] labels = SplitAssert.ImbalancedLabels(300);
        var options = new HoldoutOptions();

        DataSplit a = SplitOnce(options, 300, labels, seed: 42);
        DataSplit b = SplitOnce(options, 300, labels, seed: 42);
        DataSplit c = SplitOnce(options, 300, labels, seed: 43);

        Assert.That(b.Train, Is.EqualTo(a.Train));
        Assert.That(b.Validation, Is.EqualTo(a.Validation));
        Assert.That(b.Test, Is.EqualTo(a.Test));
        Assert.That(c.Validation, Is.Not.EqualTo(a.Validation));
    }

    [Test]
    public void Split_PredefinedTest_TestEmptyAndValidationCarvedFromAll()
    {
        DataSplit split = SplitOnce(new HoldoutOptions { ValidationFraction = 0.15, TestFraction = 0.3 }, 1000, predefinedTest: true);

        Assert.That(split.Test, Is.Empty);
        Assert.That((split.Train.Length, split.Validation.Length), Is.EqualTo((850, 150)));
        SplitAssert.PartitionsAll(split, 1000);
    }

    [Test]
    public void Split_NoShuffleNoStratify_ContiguousTrainThenValidationThenTest()
    {
        DataSplit split = SplitOnce(new HoldoutOptions { Shuffle = false, Stratify = false }, 20);

        Assert.That(split.Train, Is.EqualTo(Enumerable.Range(0, 14)));
        Assert.That(split.Validation, Is.EqualTo(Enumerable.Range(14, 3)));
        Assert.That(split.Test, Is.EqualTo(Enumerable.Range(17, 3)));
    }

    [Test]
    public void Split_NoLabels_StratifyIgnored()
    {
        DataSplit split = SplitOnce(new HoldoutOptions { Stratify = true }, 100, labels: null);

        Assert.That((split.Train.Length, split.Validation.Length, split.Test.Length), Is.EqualTo((70, 15, 15)));
        SplitAssert.PartitionsAll(split, 100);
    }

    [Test]
    public void Split_TooFewSamples_ThrowsArgumentException()
    {
        var validator = new HoldoutValidator(new HoldoutOptions { ValidationFraction = 0.4, TestFraction = 0.4 });

        var error = Assert.Throws<ArgumentException>(() => validator.Split(new SplitRequest(2, null, false, new Random(1))))!;

        Assert.That(error.Message, Does.Contain("2 samples"));
    }

    [Test]
    public void Split_LabelsOfWrongLength_ThrowsArgumentException()
    {
        var validator = new HoldoutValidator(new HoldoutOptions());

        var error = Assert.Throws<ArgumentException>(() => validator.Split(new SplitRequest(10, new int[9], false, new Random(1))))!;

        Assert.That(error.Message, Does.Contain("10 samples").And.Contain("9 labels"));
    }

    [Test]
    public void Constructor_InvalidOptionsDirectly_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new HoldoutValidator(new HoldoutOptions { ValidationFraction = 0.6, TestFraction = 0.5 }));
    }
}
