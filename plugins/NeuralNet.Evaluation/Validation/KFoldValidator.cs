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
/// request's seeded random.
/// </remarks>
[Component("kfold", Aliases = ["k_fold", "cross_validation"], Description = "k-fold cross-validation, optionally stratified, with an optional shared test part.")]
public sealed class KFoldValidator : ICrossValidator
{
    private readonly KFoldOptions _options;

    public KFoldValidator(KFoldOptions options) => _options = OptionsGuard.Validate(options, nameof(options));

    /// <exception cref="ArgumentException">Fewer samples than folds after the test part, or labels of the wrong length.</exception>
    public IReadOnlyList<DataSplit> Split(SplitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int n = request.Count, k = _options.Folds;
        int test = request.HasPredefinedTest ? 0 : Partitioner.HeldOut(_options.TestFraction, n);
        int remaining = n - test;
        if (remaining < k)
            throw new ArgumentException(
                $"Cannot make {k} folds of {remaining} samples ({n} in all, {test} held out for test by TestFraction {_options.TestFraction}).",
                nameof(request));

        // Parts: fold 1..k, then the test part (last, as unshuffled train_test_split puts it).
        var sizes = new int[k + 1];
        for (int i = 0; i < k; i++) sizes[i] = remaining / k + (i < remaining % k ? 1 : 0);
        sizes[k] = test;
        int[][] parts = Partitioner.Partition(request, sizes, _options.Shuffle, _options.Stratify);

        var splits = new DataSplit[k];
        for (int i = 0; i < k; i++)
        {
            var train = new int[remaining - parts[i].Length];
            int filled = 0;
            for (int other = 0; other < k; other++)
            {
                if (other == i) continue;
                parts[other].CopyTo(train, filled);
                filled += parts[other].Length;
            }
            Array.Sort(train);
            splits[i] = new DataSplit($"fold {i + 1}/{k}", train, parts[i], (int[])parts[k].Clone());
        }
        return splits;
    }
}
