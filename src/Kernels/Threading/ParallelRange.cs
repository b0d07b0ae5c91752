namespace NeuralNet.Kernels.Threading;

/// <summary>A loop body over a range of independent work units (image rows, channel planes, filters).</summary>
/// <remarks>
/// Implemented by structs holding raw pointers to pinned spans and the shape, so <see cref="ParallelRange"/> can
/// run it on the <see cref="WorkerPool"/> through one cached job object per body type and calling thread, without
/// allocating. Units must write disjoint memory, and each unit must compute the same result on any thread.
/// </remarks>
internal interface IRangeBody
{
    /// <summary>Runs units <paramref name="start"/> .. <paramref name="end"/> - 1.</summary>
    void Run(int start, int end);
}

/// <summary>
/// Splits <c>units</c> work units into contiguous runs, one per part, and runs the parts on the
/// <see cref="WorkerPool"/>. The split depends only on the unit count, the work per unit and
/// <see cref="KernelSettings.MaxThreads"/>; since every unit is computed whole by one part, results do not depend on
/// the split at all.
/// </summary>
internal static class ParallelRange
{
    /// <summary>Elements of work (floats read or written) below which one part does everything: a hand-off costs more.</summary>
    public const long MinimumWorkPerPart = 16 * 1024;

    /// <summary>Number of parts for <paramref name="units"/> units of <paramref name="workPerUnit"/> elements each.</summary>
    public static int Parts(int units, long workPerUnit)
    {
        long byWork = Math.Max(1, units * Math.Max(1, workPerUnit) / MinimumWorkPerPart);
        return (int)Math.Clamp(Math.Min(byWork, units), 1, KernelSettings.MaxThreads);
    }

    /// <summary>The units [start, end) of part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    public static (int Start, int End) Range(int part, int parts, int units)
        => ((int)((long)part * units / parts), (int)((long)(part + 1) * units / parts));

    /// <summary>Runs <paramref name="body"/> over units 0 .. <paramref name="units"/> - 1, split as <see cref="Parts"/> says.</summary>
    /// <remarks>The body's pointers need only stay valid until this returns: every part has finished by then.</remarks>
    public static void Run<TBody>(in TBody body, int units, long workPerUnit) where TBody : struct, IRangeBody
    {
        if (units <= 0)
            return;
        int parts = Parts(units, workPerUnit);
        if (parts == 1)
        {
            body.Run(0, units);
            return;
        }

        RangeJob<TBody> job = RangeJob<TBody>.Cached ??= new RangeJob<TBody>();
        job.Body = body;
        job.Units = units;
        job.PartCount = parts;
        try
        {
            WorkerPool.Shared.Run(job, parts);
        }
        finally
        {
            job.Body = default; // drop the pointers
        }
    }

    private sealed class RangeJob<TBody> : IParallelWork where TBody : struct, IRangeBody
    {
        [ThreadStatic] public static RangeJob<TBody>? Cached;
        public TBody Body;
        public int Units;
        public int PartCount;

        public void Execute(int part)
        {
            (int start, int end) = Range(part, PartCount, Units);
            if (start < end)
                Body.Run(start, end);
        }
    }
}
