using NeuralNet.Validation;

namespace NeuralNet.Engine.Pipeline;

/// <summary>
/// Which model a run with several splits keeps (<see cref="KeptModel"/>): the best or last split's, or a retrain on
/// every non-test sample for the mean best epoch count of the splits.
/// </summary>
internal static class FoldSelection
{
    /// <summary>The name of the retrained split (its checkpoint folder, its entry in the report).</summary>
    public const string RetrainName = "retrain";

    /// <summary>The split whose model is kept for <see cref="KeptModel.Best"/> or <see cref="KeptModel.Last"/>, and why.</summary>
    public static (FoldOutcome Kept, string Because) Choose(IReadOnlyList<FoldOutcome> folds, KeptModel keep)
    {
        if (folds.Count == 1) return (folds[0], "the only split");
        if (keep == KeptModel.Last) return (folds[^1], $"the last of {folds.Count} splits (Keep: last)");
        FoldOutcome best = folds.OrderBy(f => f.Validation.Samples > 0 ? f.Validation.Loss : f.Test.Loss).First();
        return (best, best.Validation.Samples > 0
            ? $"lowest validation loss ({best.Validation.Loss:G4}) of {folds.Count} splits"
            : $"lowest test loss ({best.Test.Loss:G4}) of {folds.Count} splits");
    }

    /// <summary>
    /// Why the splits cannot be retrained on together, or null: a retrain evaluates on the one test part every split
    /// shares, so the splits must have the same test indices.
    /// </summary>
    public static string? RetrainProblem(IReadOnlyList<DataSplit> splits)
        => splits.All(s => s.Test.AsSpan().SequenceEqual(splits[0].Test))
            ? null
            : "Keep: retrain trains on every sample outside the test part, so every split must share one test part; these splits test on different samples.";

    /// <summary>
    /// The retrain: training on every sample any split trains or validates on (ascending), no validation, the
    /// splits' shared test part.
    /// </summary>
    public static DataSplit RetrainSplit(IReadOnlyList<DataSplit> splits)
    {
        int[] train = splits.SelectMany(s => s.Train.Concat(s.Validation)).Distinct().Order().ToArray();
        return new DataSplit(RetrainName, train, [], (int[])splits[0].Test.Clone());
    }

    /// <summary>
    /// The 1-based epoch of a split with the lowest validation loss (the first of equals); its last epoch when it
    /// validated on nothing.
    /// </summary>
    public static int BestEpoch(FoldOutcome fold)
    {
        int best = fold.History.Count;
        double lowest = double.PositiveInfinity;
        foreach (var epoch in fold.History)
        {
            if (epoch.ValidationLoss < lowest)
            {
                lowest = epoch.ValidationLoss;
                best = epoch.Epoch;
            }
        }
        return best;
    }

    /// <summary>The retrain's epochs: the mean of the splits' best epochs, rounded half away from zero, at least 1.</summary>
    public static int RetrainEpochs(IReadOnlyList<FoldOutcome> folds)
        => Math.Max(1, (int)Math.Round(folds.Average(BestEpoch), MidpointRounding.AwayFromZero));
}
