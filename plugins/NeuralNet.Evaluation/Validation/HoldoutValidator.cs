using NeuralNet.Components;
using NeuralNet.Evaluation.Internal;
using NeuralNet.Evaluation.Validation.Internal;
using NeuralNet.Validation;

namespace NeuralNet.Evaluation.Validation;

/// <summary>
/// One split into train, validation and test parts, as scikit-learn's <c>train_test_split</c> applied twice.
/// </summary>
/// <remarks>
/// Sizes for n samples: test = ⌈TestFraction · n⌉ (0 when the data set has its own test set), validation =
/// ⌈ValidationFraction · n⌉, train = the rest; both fractions are of all n samples (70/15/15 of 1,500 gives
/// 1,050/225/225). Rounding up is scikit-learn's rule for the held-out part; the product is rounded to 9 decimals
/// first, so 0.07 · 100 holds out 7 where scikit-learn holds out 8.
/// With <see cref="HoldoutOptions.Stratify"/> and labels, every class's count in every part is within one sample of
/// its proportional share. Indices in each part are ascending; the split is fixed by the request's seeded random.
/// The split is named "holdout".
/// </remarks>
[Component("holdout", Aliases = ["hold_out", "train_test_split"], Description = "One train/validation/test split by fractions, optionally stratified.", DefaultFor = [ComponentDefaults.Always])]
public sealed class HoldoutValidator : ICrossValidator
{
    private readonly HoldoutOptions _options;

    public HoldoutValidator(HoldoutOptions options) => _options = OptionsGuard.Validate(options, nameof(options));

    public int? SplitCount => 1;

    /// <exception cref="ArgumentException">Too few samples for the fractions, or labels of the wrong length.</exception>
    public IReadOnlyList<DataSplit> Split(SplitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int n = request.Count;
        int test = request.HasPredefinedTest ? 0 : Partitioner.HeldOut(_options.TestFraction, n);
        int validation = Partitioner.HeldOut(_options.ValidationFraction, n);
        int train = n - validation - test;
        if (n < 1 || (validation < 1 && _options.ValidationFraction > 0) || train < 1)
            throw new ArgumentException(
                $"Cannot split {n} samples with ValidationFraction {_options.ValidationFraction} and TestFraction " +
                $"{(request.HasPredefinedTest ? "(ignored, predefined test set)" : _options.TestFraction)}: train would get {train}, validation {validation}, test {test} samples.",
                nameof(request));

        int[][] parts = Partitioner.Partition(request, [train, validation, test], _options.Shuffle, _options.Stratify);
        return [new DataSplit("holdout", parts[0], parts[1], parts[2])];
    }
}
