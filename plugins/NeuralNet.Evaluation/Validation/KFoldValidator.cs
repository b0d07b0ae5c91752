using NeuralNet.Components;
using NeuralNet.Evaluation.Internal;
using NeuralNet.Evaluation.Validation.Internal;
using NeuralNet.Validation;

namespace NeuralNet.Evaluation.Validation;

/// <summary>
/// k-fold cross-validation, as scikit-learn's <c>KFold</c> / <c>StratifiedKFold</c>: k splits named "fold i/k",
/// split i validating on fold i and training on the other folds.
/// </summary>
/// <remarks>
/// Sizes for n samples: a test part of ⌈TestFraction · n⌉ (rounded to 9 decimals first; none when TestFraction is
/// 0 or the data set has its own test set) is held out and shared by every split; the remaining m samples form
/// k folds, the first m mod k of them one sample larger (as <c>KFold</c>). The folds partition the non-test samples.
/// With <see cref="KFoldOptions.Stratify"/> and labels, every class's count in every fold and in the test part is
/// within one sample of its proportional share. Indices in each part are ascending; the folds are fixed by the
/// request's seeded random. <see cref="KFoldOptions.Keep"/> says which model the run saves (<see cref="IKeptModelValidator"/>).
/// </remarks>
[Component("kfold", Aliases = ["k_fold", "cross_validation"], Description = "k-fold cross-validation, optionally stratified, with an optional shared test part; Keep best, last or retrain.")]
public sealed class KFoldValidator : IKeptModelValidator
{
    private readonly KFoldOptions _options;

    public KFoldValidator(KFoldOptions options) => _options = OptionsGuard.Validate(options, nameof(options));

    public KeptModel Keep => FoldSplits.ParseKeep(_options.Keep);

    public int? SplitCount => _options.Folds;

    /// <exception cref="ArgumentException">Fewer samples than folds after the test part, or labels of the wrong length.</exception>
    public IReadOnlyList<DataSplit> Split(SplitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int k = _options.Folds;
        (int test, int remaining) = FoldSplits.TestAndRest(request, _options);

        // Parts: fold 1..k, then the test part (last, as unshuffled train_test_split puts it).
        int[][] parts = Partitioner.Partition(request, [.. FoldSplits.Sizes(remaining, k), test], _options.Shuffle, _options.Stratify);
        return FoldSplits.Build(parts[..k], parts[k], "").ToArray();
    }
}
