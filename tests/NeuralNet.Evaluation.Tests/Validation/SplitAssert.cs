using NeuralNet.Validation;

namespace NeuralNet.Evaluation.Tests.Validation;

/// <summary>Checks every split must pass.</summary>
internal static class SplitAssert
{
    /// <summary>Train, validation and test are disjoint, ascending, and together cover 0..count−1.</summary>
    public static void PartitionsAll(DataSplit split, int count)
    {
        var seen = new int[count];
        foreach (int[] part in new[] { split.Train, split.Validation, split.Test })
        {
            Assert.That(part, Is.Ordered.Ascending, $"{split.Name}: indices not ascending.");
            foreach (int i in part)
            {
                Assert.That(i, Is.InRange(0, count - 1), $"{split.Name}: index out of range.");
                seen[i]++;
            }
        }
        Assert.That(seen, Is.All.EqualTo(1), $"{split.Name}: parts overlap or miss samples.");
    }

    /// <summary>Every class's count in <paramref name="part"/> is within one sample of its proportional share.</summary>
    public static void Stratified(int[] part, int[] labels, string what)
    {
        foreach (var group in labels.GroupBy(l => l))
        {
            double expected = (double)group.Count() * part.Length / labels.Length;
            int actual = part.Count(i => labels[i] == group.Key);
            Assert.That(Math.Abs(actual - expected), Is.LessThan(1.0),
                $"{what}: class {group.Key} has {actual} of {part.Length}, proportional share {expected:F3}.");
        }
    }

    /// <summary>Labels with unequal classes: 50 %, 30 %, 15 %, 5 % of <paramref name="count"/>, in a mixed order.</summary>
    public static int[] ImbalancedLabels(int count, int seed = 99)
    {
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            double share = (double)i / count;
            labels[i] = share < 0.5 ? 0 : share < 0.8 ? 1 : share < 0.95 ? 2 : 3;
        }
        new Random(seed).Shuffle(labels);
        return labels;
    }
}
