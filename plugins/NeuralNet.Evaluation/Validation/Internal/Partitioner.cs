using NeuralNet.Validation;

namespace NeuralNet.Evaluation.Validation.Internal;

/// <summary>Deals the sample indices 0..n−1 into parts of given sizes, shuffled or in order, stratified or not.</summary>
internal static class Partitioner
{
    /// <summary>Counts rounded up from fraction · n, as scikit-learn's <c>ceil(test_size * n_samples)</c>.</summary>
    /// <remarks>
    /// The product is first rounded to 9 decimals so a floating-point artefact does not add a sample: scikit-learn
    /// holds out 8 of 100 samples for test_size = 0.07 (0.07 · 100 = 7.000000000000001); this holds out 7.
    /// </remarks>
    public static int HeldOut(double fraction, int count) => (int)Math.Ceiling(Math.Round(fraction * count, 9));

    /// <summary>
    /// Splits 0..request.Count−1 into parts of <paramref name="partSizes"/> (which sum to the count).
    /// </summary>
    /// <remarks>
    /// Not stratified: the indices, shuffled with <see cref="SplitRequest.Random"/> when <paramref name="shuffle"/>,
    /// are cut into consecutive parts in order (unshuffled, the first part takes the first indices).
    /// Stratified (<paramref name="stratify"/> and labels present): each class's indices (shuffled when
    /// <paramref name="shuffle"/>, else in order) are dealt into the parts in order, class k giving part j
    /// ⌊c_k s_j / n⌋ or ⌈c_k s_j / n⌉ samples (<see cref="StratifiedAllocation"/>).
    /// Each part is returned sorted ascending. The same request (same seed) gives the same parts.
    /// </remarks>
    /// <exception cref="ArgumentException">The labels' length is not the sample count.</exception>
    public static int[][] Partition(SplitRequest request, IReadOnlyList<int> partSizes, bool shuffle, bool stratify)
    {
        int n = request.Count;
        if (partSizes.Sum() != n)
            throw new ArgumentException($"Part sizes [{string.Join(", ", partSizes)}] do not add up to {n} samples.", nameof(partSizes));
        var parts = partSizes.Select(size => new int[size]).ToArray();

        if (stratify && request.Labels is { } labels)
        {
            if (labels.Length != n)
                throw new ArgumentException($"The split request has {n} samples but {labels.Length} labels.", nameof(request));
            int[][] members = MembersByClass(labels);
            if (shuffle)
            {
                foreach (int[] m in members) request.Random.Shuffle(m);
            }
            int[,] counts = StratifiedAllocation.Allocate(members.Select(m => m.Length).ToArray(), partSizes,
                shuffle ? request.Random : null);
            var filled = new int[parts.Length];
            for (int k = 0; k < members.Length; k++)
            {
                int taken = 0;
                for (int j = 0; j < parts.Length; j++)
                {
                    int count = counts[k, j];
                    members[k].AsSpan(taken, count).CopyTo(parts[j].AsSpan(filled[j]));
                    filled[j] += count;
                    taken += count;
                }
            }
        }
        else
        {
            int[] order = Enumerable.Range(0, n).ToArray();
            if (shuffle) request.Random.Shuffle(order);
            int start = 0;
            foreach (int[] part in parts)
            {
                order.AsSpan(start, part.Length).CopyTo(part);
                start += part.Length;
            }
        }

        foreach (int[] part in parts) Array.Sort(part);
        return parts;
    }

    /// <summary>The sample indices of each distinct label (labels in ascending order), each list in index order.</summary>
    private static int[][] MembersByClass(int[] labels)
    {
        int[] distinct = labels.Distinct().Order().ToArray();
        var members = new int[distinct.Length][];
        var sizes = new int[distinct.Length];
        var classOf = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            classOf[i] = Array.BinarySearch(distinct, labels[i]);
            sizes[classOf[i]]++;
        }
        for (int k = 0; k < distinct.Length; k++) members[k] = new int[sizes[k]];
        Array.Clear(sizes);
        for (int i = 0; i < labels.Length; i++) members[classOf[i]][sizes[classOf[i]]++] = i;
        return members;
    }
}
