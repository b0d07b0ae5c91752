namespace NeuralNet.Kernels;

/// <summary>
/// A fixed division of C among threads, decided only by the shape, the tile sizes and the thread count: C is cut
/// into contiguous runs of whole MR-row or NR-column tiles, one run per part. Each element of C is computed by
/// exactly one part, in the same order whatever the division, so results never depend on scheduling.
/// </summary>
internal readonly struct GemmPartition
{
    /// <summary>Products below this many flops (2·m·n·k) run on the calling thread: waking a worker costs more.</summary>
    internal const long ParallelMinFlops = 2_000_000;

    // Relative cost of packing one element, in micro-kernel cycles per k step (a 16-lane FMA does 16 elements).
    private const double PackCostPerElement = 0.3;

    private readonly int _extent;
    private readonly int _tile;
    private readonly int _tiles;

    private GemmPartition(int parts, bool splitColumns, int extent, int tile)
    {
        Parts = parts;
        SplitColumns = splitColumns;
        _extent = extent;
        _tile = tile;
        _tiles = (extent + tile - 1) / tile;
    }

    /// <summary>Number of parts (1 = run on the calling thread).</summary>
    public int Parts { get; }

    /// <summary>True if parts are runs of columns (each part packs all of A), false if runs of rows (each packs all of B).</summary>
    public bool SplitColumns { get; }

    /// <summary>Chooses the split for an m x n x k product with mr x nr tiles on at most <paramref name="maxThreads"/> threads.</summary>
    public static GemmPartition Create(int m, int n, int k, int mr, int nr, int maxThreads)
    {
        int tilesM = (m + mr - 1) / mr, tilesN = (n + nr - 1) / nr;
        if (maxThreads <= 1 || 2L * m * n * k < ParallelMinFlops || (tilesM < 2 && tilesN < 2))
            return new GemmPartition(1, true, n, nr);

        // Per k step on the busiest thread: its share of the FMAs (padded tiles included) plus the packing every
        // thread repeats (all of A when splitting columns, all of B when splitting rows).
        int byColumns = Math.Min(maxThreads, tilesN), byRows = Math.Min(maxThreads, tilesM);
        double columnsCost = byColumns < 2 ? double.MaxValue
            : (double)tilesM * mr * ((tilesN + byColumns - 1) / byColumns * nr) / 32 + PackCostPerElement * m;
        double rowsCost = byRows < 2 ? double.MaxValue
            : (double)tilesN * nr * ((tilesM + byRows - 1) / byRows * mr) / 32 + PackCostPerElement * n;
        return columnsCost <= rowsCost
            ? new GemmPartition(byColumns, true, n, nr)
            : new GemmPartition(byRows, false, m, mr);
    }

    /// <summary>The rows [i0, i1) and columns [j0, j1) of C that part <paramref name="part"/> computes.</summary>
    public (int I0, int I1, int J0, int J1) Range(int part, int m, int n)
    {
        int first = (int)((long)part * _tiles / Parts), last = (int)((long)(part + 1) * _tiles / Parts);
        int start = first * _tile, end = Math.Min(last * _tile, _extent);
        return SplitColumns ? (0, m, start, end) : (start, end, 0, n);
    }
}
