using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace NeuralNet.Kernels.Threading;

/// <summary>
/// A tiny persistent pool for kernel calls that last tens of microseconds to milliseconds, where
/// <c>Parallel.For</c>'s scheduling costs too much. Parts are claimed from a shared counter by the calling thread
/// and by background workers alike, so a worker that is slow to wake (say, on a busy machine) costs nothing: the
/// caller simply runs the parts nobody has claimed. Idle workers spin briefly (catching back-to-back calls without a
/// wake-up) and then block on a monitor.
/// </summary>
/// <remarks>
/// Which thread runs which part varies from call to call, so parts must compute the same result on any thread
/// (GEMM parts do: each owns fixed elements of C and sums them in a fixed order). One job runs at a time; a call made
/// while another thread's job is running does not wait but runs all its parts itself. Worker threads are created on
/// first use, one per extra part ever needed, and live for the process.
/// </remarks>
internal sealed class WorkerPool
{
    // How long an idle worker polls for the next job, and the caller for the last part, before blocking.
    private static readonly long s_spinTicks = Stopwatch.Frequency / 10_000; // 100 µs

    private readonly object _wakeGate = new();
    private readonly object _doneGate = new();
    private int _workerCount;
    private IParallelWork? _work;
    private int _parts;
    private long _claim; // (epoch << 32) | index of the next unclaimed part of the current job
    private int _done;   // parts of the current job finished
    private int _busy;
    private int _sleepers;
    private int _callerSleeping;
    private Exception? _failure;

    /// <summary>The process-wide pool used by the kernels.</summary>
    public static WorkerPool Shared { get; } = new();

    /// <summary>Worker threads created so far.</summary>
    public int WorkerCount => Volatile.Read(ref _workerCount);

    /// <summary>Runs parts 0 .. <paramref name="parts"/> - 1 of <paramref name="work"/> and returns when all are done.</summary>
    /// <remarks>If parts throw, the first exception is rethrown once every part has ended.</remarks>
    public void Run(IParallelWork work, int parts)
    {
        if (parts <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int part = 0; part < parts; part++)
                work.Execute(part);
            return;
        }

        try
        {
            EnsureWorkers(parts - 1);
            _work = work;
            _parts = parts;
            _failure = null;
            Volatile.Write(ref _done, 0);
            long epoch = (Volatile.Read(ref _claim) >> 32) + 1;
            // Full fence: publishes the job, and orders it before the read of _sleepers (a worker going to sleep
            // increments _sleepers before its last look at _claim, so one of the two sides sees the other).
            Interlocked.Exchange(ref _claim, epoch << 32);
            if (Volatile.Read(ref _sleepers) != 0)
            {
                lock (_wakeGate)
                    Monitor.PulseAll(_wakeGate);
            }

            RunParts(epoch);
            WaitUntilDone(parts);
            _work = null;
            if (_failure is { } failure)
                ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Claims and runs parts of job <paramref name="epoch"/> until none is left unclaimed.</summary>
    private void RunParts(long epoch)
    {
        while (true)
        {
            long claim = Volatile.Read(ref _claim);
            IParallelWork? work = _work;
            int parts = _parts;
            int part = (int)(claim & 0xFFFF_FFFF);
            if (claim >> 32 != epoch || part >= parts)
                return;
            // Success means the job is still open (this part is not done), so work and parts belong to it.
            if (Interlocked.CompareExchange(ref _claim, claim + 1, claim) != claim)
                continue;
            try
            {
                work!.Execute(part);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }

            // Full fence: either the caller sees the count, or we see that it went to sleep and wake it.
            if (Interlocked.Increment(ref _done) == parts && Volatile.Read(ref _callerSleeping) != 0)
            {
                lock (_doneGate)
                    Monitor.PulseAll(_doneGate);
            }
        }
    }

    private void WaitUntilDone(int parts)
    {
        long deadline = Stopwatch.GetTimestamp() + s_spinTicks;
        int spins = 0;
        while (Volatile.Read(ref _done) != parts)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                lock (_doneGate)
                {
                    Interlocked.Exchange(ref _callerSleeping, 1);
                    while (Volatile.Read(ref _done) != parts)
                        Monitor.Wait(_doneGate);
                    Volatile.Write(ref _callerSleeping, 0);
                }

                return;
            }

            Spin(ref spins);
        }
    }

    // One step of a wait: mostly a short pause, but every 4th step a yield of the core to any other runnable thread
    // (the batch loader, the JIT). Under a hypervisor a long run of pause instructions can get the virtual CPU
    // descheduled (pause-loop exiting; our likely explanation), stalling the hand-over the spin is for: with pure pause loops the
    // Fashion-MNIST MLP's training step at 2 threads ranged over 0.98-1.98 ms in one session's quiet windows, with
    // these yields over 1.07-1.17 ms (bench/train_quick.sh).
    private static void Spin(ref int spins)
    {
        if ((++spins & 3) == 0) Thread.Yield();
        else Thread.SpinWait(4);
    }

    private void EnsureWorkers(int count)
    {
        // Only the thread holding _busy gets here, so no further lock is needed.
        for (int i = _workerCount; i < count; i++)
        {
            var thread = new Thread(WorkerLoop) { IsBackground = true, Name = $"NeuralNet.Kernels worker {i + 1}" };
            thread.Start();
            Volatile.Write(ref _workerCount, i + 1);
        }
    }

    private void WorkerLoop()
    {
        long seen = Volatile.Read(ref _claim) >> 32;
        while (true)
        {
            seen = WaitForJob(seen);
            RunParts(seen);
        }
    }

    /// <summary>Waits until a job newer than <paramref name="seen"/> is published and returns its epoch.</summary>
    private long WaitForJob(long seen)
    {
        long deadline = Stopwatch.GetTimestamp() + s_spinTicks;
        int spins = 0;
        long epoch;
        while ((epoch = Volatile.Read(ref _claim) >> 32) == seen)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                lock (_wakeGate)
                {
                    Interlocked.Increment(ref _sleepers);
                    while ((epoch = Volatile.Read(ref _claim) >> 32) == seen)
                        Monitor.Wait(_wakeGate);
                    Interlocked.Decrement(ref _sleepers);
                }

                return epoch;
            }

            Spin(ref spins);
        }

        return epoch;
    }
}
