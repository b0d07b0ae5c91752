using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels.Tests.Threading;

[TestFixture]
public class WorkerPoolTests
{
    [TestCase(1), TestCase(2), TestCase(3), TestCase(5)]
    public void Run_ManyRounds_ExecutesEveryPartExactlyOnce(int parts)
    {
        var pool = new WorkerPool();
        var work = new CountingWork(parts);

        for (int round = 0; round < 300; round++)
        {
            pool.Run(work, parts);
            // Now and then let the workers give up spinning and block, so the wake-up path runs too.
            if (round % 50 == 49)
                Thread.Sleep(2);
        }

        Assert.That(work.Counts, Is.All.EqualTo(300));
    }

    [Test]
    public void Run_PartThrows_RethrowsAfterEveryPartFinished()
    {
        var pool = new WorkerPool();
        var work = new CountingWork(3) { ThrowInPart = 2 };

        Assert.That(() => pool.Run(work, 3), Throws.InvalidOperationException.With.Message.EqualTo("part 2"));
        Assert.That(work.Counts, Is.EqualTo(new[] { 1, 1, 1 }));

        work.ThrowInPart = -1;
        pool.Run(work, 3);
        Assert.That(work.Counts, Is.EqualTo(new[] { 2, 2, 2 }), "the pool still works after a failure");
    }

    [Test]
    public void Run_TwoCallersAtOnce_BothCompleteAllParts()
    {
        var pool = new WorkerPool();
        var first = new CountingWork(2) { SpinPerPart = 2000 };
        var second = new CountingWork(2) { SpinPerPart = 2000 };

        Task other = Task.Run(() =>
        {
            for (int round = 0; round < 200; round++)
                pool.Run(second, 2);
        });
        for (int round = 0; round < 200; round++)
            pool.Run(first, 2);
        other.Wait();

        Assert.That(first.Counts, Is.All.EqualTo(200));
        Assert.That(second.Counts, Is.All.EqualTo(200));
    }

    [Test]
    public void MaxThreads_BelowOne_Throws()
    {
        Assert.That(() => KernelSettings.MaxThreads = 0, Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    private sealed class CountingWork(int parts) : IParallelWork
    {
        public int[] Counts { get; } = new int[parts];

        public int ThrowInPart { get; set; } = -1;

        public int SpinPerPart { get; init; }

        public void Execute(int part)
        {
            Thread.SpinWait(SpinPerPart);
            Interlocked.Increment(ref Counts[part]);
            if (part == ThrowInPart)
                throw new InvalidOperationException($"part {part}");
        }
    }
}
