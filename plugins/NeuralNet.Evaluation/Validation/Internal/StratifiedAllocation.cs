namespace NeuralNet.Evaluation.Validation.Internal;

/// <summary>
/// How many samples of each class go to each part of a split, so every part has its exact size and every class's
/// share of every part is within one sample of proportional.
/// </summary>
/// <remarks>
/// Class k (c_k samples) would ideally give part j (s_j samples) q_kj = c_k · s_j / n. Each count is rounded to
/// ⌊q_kj⌋ or ⌈q_kj⌉ so that every row sums to c_k and every column to s_j: a controlled rounding, always possible
/// because the fractional parts of q themselves form a feasible flow from classes (supplying c_k − Σ_j ⌊q_kj⌋) to
/// parts (demanding s_j − Σ_k ⌊q_kj⌋) over unit edges where q_kj is fractional. The integral flow is found greedily
/// (largest fractional parts first, ties in random order) and completed with augmenting paths. Exact integer
/// arithmetic throughout.
/// </remarks>
internal static class StratifiedAllocation
{
    /// <param name="classCounts">Samples per class.</param>
    /// <param name="partSizes">Samples per part; sums to the same total as <paramref name="classCounts"/>.</param>
    /// <param name="random">Breaks ties between equal fractional parts; null breaks them in class order.</param>
    /// <returns>counts[class, part].</returns>
    public static int[,] Allocate(IReadOnlyList<int> classCounts, IReadOnlyList<int> partSizes, Random? random)
    {
        int classes = classCounts.Count, parts = partSizes.Count;
        long n = classCounts.Sum(c => (long)c);
        if (n != partSizes.Sum(s => (long)s))
            throw new ArgumentException($"Class counts total {n} but part sizes total {partSizes.Sum(s => (long)s)}.", nameof(partSizes));

        var counts = new int[classes, parts];
        if (n == 0) return counts;
        var supply = new int[classes];
        var demand = partSizes.ToArray();
        var edges = new List<(long Remainder, int Tie, int Class, int Part)>();
        for (int k = 0; k < classes; k++)
        {
            supply[k] = classCounts[k];
            for (int j = 0; j < parts; j++)
            {
                long product = (long)classCounts[k] * partSizes[j];
                counts[k, j] = (int)(product / n);
                supply[k] -= counts[k, j];
                demand[j] -= counts[k, j];
                long remainder = product % n;
                if (remainder != 0) edges.Add((remainder, random?.Next() ?? 0, k, j));
            }
        }

        // used[k, j]: the edge carries the extra sample (count is the ceiling).
        var used = new bool[classes, parts];
        foreach (var (_, _, k, j) in edges.OrderByDescending(e => e.Remainder).ThenBy(e => e.Tie))
        {
            if (supply[k] == 0 || demand[j] == 0) continue;
            used[k, j] = true;
            counts[k, j]++;
            supply[k]--;
            demand[j]--;
        }

        var fractional = new bool[classes, parts];
        foreach (var (_, _, k, j) in edges) fractional[k, j] = true;
        while (supply.Any(s => s > 0))
        {
            if (!Augment(fractional, used, counts, supply, demand))
                throw new InvalidOperationException("Stratified allocation found no augmenting path; the class counts and part sizes are inconsistent.");
        }
        return counts;
    }

    /// <summary>One augmenting path (breadth-first, from every class with supply left) that places one more sample.</summary>
    private static bool Augment(bool[,] fractional, bool[,] used, int[,] counts, int[] supply, int[] demand)
    {
        int classes = supply.Length, parts = demand.Length;
        // Nodes: classes 0..classes-1, parts classes..classes+parts-1. parent[node] = previous node on the path.
        var parent = new int[classes + parts];
        Array.Fill(parent, -2);
        var queue = new Queue<int>();
        for (int k = 0; k < classes; k++)
        {
            if (supply[k] <= 0) continue;
            parent[k] = -1;
            queue.Enqueue(k);
        }
        while (queue.Count > 0)
        {
            int node = queue.Dequeue();
            if (node < classes)
            {
                for (int j = 0; j < parts; j++)
                {
                    int partNode = classes + j;
                    if (!fractional[node, j] || used[node, j] || parent[partNode] != -2) continue;
                    parent[partNode] = node;
                    if (demand[j] > 0)
                    {
                        Apply(partNode, parent, classes, used, counts, supply, demand);
                        return true;
                    }
                    queue.Enqueue(partNode);
                }
            }
            else
            {
                int j = node - classes;
                for (int k = 0; k < classes; k++)
                {
                    if (!used[k, j] || parent[k] != -2) continue;
                    parent[k] = node;
                    queue.Enqueue(k);
                }
            }
        }
        return false;
    }

    private static void Apply(int end, int[] parent, int classes, bool[,] used, int[,] counts, int[] supply, int[] demand)
    {
        demand[end - classes]--;
        int node = end;
        while (true)
        {
            int previous = parent[node];
            if (previous == -1)
            {
                supply[node]--;
                return;
            }
            if (node >= classes)
            {
                // class previous -> part node: the edge now carries the extra sample.
                used[previous, node - classes] = true;
                counts[previous, node - classes]++;
            }
            else
            {
                // part previous -> class node: the edge gives its extra sample back.
                used[node, previous - classes] = false;
                counts[node, previous - classes]--;
            }
            node = previous;
        }
    }
}
