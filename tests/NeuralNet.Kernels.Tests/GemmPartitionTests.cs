namespace NeuralNet.Kernels.Tests;

[TestFixture]
public class GemmPartitionTests
{
    [TestCase(128, 256, 784, 2)]
    [TestCase(784, 256, 128, 2)]
    [TestCase(128, 784, 256, 2)]
    [TestCase(1000, 1000, 1000, 3)]
    [TestCase(13, 2000, 500, 4)]
    [TestCase(2000, 7, 500, 2)]
    public void Create_LargeProduct_PartsCoverCOnceOnTileBoundaries(int m, int n, int k, int threads)
    {
        const int mr = 12, nr = 32;
        GemmPartition partition = GemmPartition.Create(m, n, k, mr, nr, threads);
        var covered = new int[m, n];

        for (int part = 0; part < partition.Parts; part++)
        {
            (int i0, int i1, int j0, int j1) = partition.Range(part, m, n);
            Assert.That(i0 % mr == 0 && j0 % nr == 0, Is.True, $"part {part} starts off a tile boundary");
            for (int i = i0; i < i1; i++)
                for (int j = j0; j < j1; j++)
                    covered[i, j]++;
        }

        Assert.That(partition.Parts, Is.InRange(2, threads));
        Assert.That(covered.Cast<int>().All(count => count == 1), Is.True, "every element exactly once");
    }

    [TestCase(7, 13, 5, 2)]
    [TestCase(64, 64, 64, 4)]
    [TestCase(1000, 1000, 1000, 1)]
    public void Create_SmallProductOrOneThread_SinglePart(int m, int n, int k, int threads)
    {
        Assert.That(GemmPartition.Create(m, n, k, 12, 32, threads).Parts, Is.EqualTo(1));
    }

    [Test]
    public void Create_BatchByWideLayer_SplitsColumnsSoEachThreadPacksOnlyItsOwnB()
    {
        GemmPartition partition = GemmPartition.Create(128, 256, 784, 12, 32, 2);

        Assert.That(partition.SplitColumns, Is.True);
        Assert.That(partition.Range(0, 128, 256), Is.EqualTo((0, 128, 0, 128)));
        Assert.That(partition.Range(1, 128, 256), Is.EqualTo((0, 128, 128, 256)));
    }
}
