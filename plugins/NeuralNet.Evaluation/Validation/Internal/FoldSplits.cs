using NeuralNet.Validation;

namespace NeuralNet.Evaluation.Validation.Internal;

/// <summary>k-fold splits from dealt folds, and the <c>Keep</c> option's values.</summary>
internal static class FoldSplits
{
    /// <summary>
    /// The test part's size (⌈TestFraction · n⌉, none with a predefined test set) and the samples left for the folds.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer samples than folds are left.</exception>
    public static (int Test, int Remaining) TestAndRest(SplitRequest request, KFoldOptions options)
    {
        int n = request.Count, k = options.Folds;
        int test = request.HasPredefinedTest ? 0 : Partitioner.HeldOut(options.TestFraction, n);
        int remaining = n - test;
        if (remaining < k)
            throw new ArgumentException(
                $"Cannot make {k} folds of {remaining} samples ({n} in all, {test} held out for test by TestFraction {options.TestFraction}).",
                nameof(request));
        return (test, remaining);
    }

    /// <summary>Fold sizes for <paramref name="samples"/> samples: the first samples mod k folds one larger, as scikit-learn's <c>KFold</c>.</summary>
    public static int[] Sizes(int samples, int folds)
    {
        var sizes = new int[folds];
        for (int i = 0; i < folds; i++) sizes[i] = samples / folds + (i < samples % folds ? 1 : 0);
        return sizes;
    }

    /// <summary>
    /// One split per fold, named <c>{prefix}fold i/k</c>: validation on fold i, training on the other folds (ascending),
    /// the same <paramref name="test"/> indices for every split (each split its own copy).
    /// </summary>
    public static IEnumerable<DataSplit> Build(IReadOnlyList<int[]> folds, int[] test, string prefix)
    {
        int k = folds.Count, total = folds.Sum(f => f.Length);
        for (int i = 0; i < k; i++)
        {
            var train = new int[total - folds[i].Length];
            int filled = 0;
            for (int other = 0; other < k; other++)
            {
                if (other == i) continue;
                folds[other].CopyTo(train, filled);
                filled += folds[other].Length;
            }
            Array.Sort(train);
            yield return new DataSplit($"{prefix}fold {i + 1}/{k}", train, folds[i], (int[])test.Clone());
        }
    }

    /// <summary>The <c>Keep</c> option (already validated as best, last or retrain, any case).</summary>
    public static KeptModel ParseKeep(string keep) => keep.ToLowerInvariant() switch
    {
        "last" => KeptModel.Last,
        "retrain" => KeptModel.Retrain,
        _ => KeptModel.Best,
    };
}
