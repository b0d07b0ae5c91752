using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace NeuralNet.Kernels.Threading;

/// <summary>
/// A tiny persistent pool for kernel calls that last tens of microseconds to milliseconds, where
/// <c>Parallel.For</c>'s scheduling costs too much: the calling thread runs part 0 itself and hands parts 1.. to
/// dedicated background workers, which spin briefly after each job (catching back-to-back calls without a wake-up)
/// and then block on a monitor.
/// </summary>
/// <remarks>
/// One job runs at a time. A call made while another thread's job is running does not wait: it runs all its parts
/// itself, in order (so results never depend on which path was taken, provided the parts are independent).
/// Worker threads are created on first use, one per extra part ever needed, and live for the process.
/// </remarks>
internal sealed class WorkerPool
{
    // How long an idle worker polls for the next job, and the caller for the last part, before blocking.
    private static readonly long s_spinTicks = Stopwatch.Frequency / 10_000; // 100 µs

    private readonly object _doneGate = new();
    private Worker[] _workers = [];
    private int _busy;
    private int _remaining;
    private int _callerSleeping;
    private Exception? _failure;

    /// <summary>The process-wide pool used by the kernels.</summary>
    public static WorkerPool Shared { get; } = new();

    /// <summary>Worker threads created so far.</summary>
    public int WorkerCount => Volatile.Read(ref _workers).Length;

    /// <summary>Runs parts 0 .. <paramref name="parts"/> - 1 of <paramref name="work"/> and returns when all are done.</summary>
    /// <remarks>If parts throw, the first exception (the caller's own part first) is rethrown after all parts end.</remarks>
    public void Run(IParallelWork work, int parts)
    {
        if (parts <= 1)
        {
            if (parts == 1)
                work.Execute(0);
            return;
        }

        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int part = 0; part < parts; part++)
                work.Execute(part);
            return;
        }

        try
        {
            Worker[] workers = EnsureWorkers(parts - 1);
            _failure = null;
            Volatile.Write(ref _remaining, parts - 1);
            for (int part = 1; part < parts; part++)
                workers[part - 1].Start(work, part);

            Exception? own = null;
            try
            {
                work.Execute(0);
            }
            catch (Exception e)
            {
                own = e;
            }

            WaitForWorkers();
            if ((own ?? _failure) is { } failure)
                ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private Worker[] EnsureWorkers(int count)
    {
        // Only the thread holding _busy gets here, so growing needs no further lock.
        Worker[] workers = _workers;
        if (workers.Length >= count)
            return workers;
        var grown = new Worker[count];
        Array.Copy(workers, grown, workers.Length);
        for (int i = workers.Length; i < count; i++)
            grown[i] = new Worker(this, i + 1);
        Volatile.Write(ref _workers, grown);
        return grown;
    }

    private void WaitForWorkers()
    {
        long deadline = Stopwatch.GetTimestamp() + s_spinTicks;
        while (Volatile.Read(ref _remaining) != 0)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                lock (_doneGate)
                {
                    Interlocked.Exchange(ref _callerSleeping, 1);
                    while (Volatile.Read(ref _remaining) != 0)
                        Monitor.Wait(_doneGate);
                    Volatile.Write(ref _callerSleeping, 0);
                }

                return;
            }

            Thread.SpinWait(4);
        }
    }

    private void PartDone(Exception? failure)
    {
        if (failure is not null)
            Interlocked.CompareExchange(ref _failure, failure, null);
        // Interlocked.Decrement is a full fence: either the caller sees 0, or we see it went to sleep and wake it.
        if (Interlocked.Decrement(ref _remaining) == 0 && Volatile.Read(ref _callerSleeping) != 0)
        {
            lock (_doneGate)
                Monitor.PulseAll(_doneGate);
        }
    }

    /// <summary>One background thread; runs the part handed to it by <see cref="Start"/>.</summary>
    private sealed class Worker
    {
        private readonly WorkerPool _pool;
        private readonly object _gate = new();
        private IParallelWork? _work;
        private int _part;
        private int _ticket;
        private int _sleeping;

        public Worker(WorkerPool pool, int index)
        {
            _pool = pool;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"NeuralNet.Kernels worker {index}" };
            thread.Start();
        }

        public void Start(IParallelWork work, int part)
        {
            _work = work;
            _part = part;
            // Full fence: publishes _work and _part, and orders the ticket before the read of _sleeping.
            Interlocked.Increment(ref _ticket);
            if (Volatile.Read(ref _sleeping) != 0)
            {
                lock (_gate)
                    Monitor.Pulse(_gate);
            }
        }

        private void Loop()
        {
            int seen = 0;
            while (true)
            {
                WaitForTicket(seen);
                seen = Volatile.Read(ref _ticket);
                IParallelWork work = _work!;
                _work = null;
                Exception? failure = null;
                try
                {
                    work.Execute(_part);
                }
                catch (Exception e)
                {
                    failure = e;
                }

                _pool.PartDone(failure);
            }
        }

        private void WaitForTicket(int seen)
        {
            long deadline = Stopwatch.GetTimestamp() + s_spinTicks;
            while (Volatile.Read(ref _ticket) == seen)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    lock (_gate)
                    {
                        Interlocked.Exchange(ref _sleeping, 1);
                        while (Volatile.Read(ref _ticket) == seen)
                            Monitor.Wait(_gate);
                        Volatile.Write(ref _sleeping, 0);
                    }

                    return;
                }

                Thread.SpinWait(4);
            }
        }
    }
}
