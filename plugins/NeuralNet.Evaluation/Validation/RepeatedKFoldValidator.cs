using NeuralNet.Components;
using NeuralNet.Evaluation.Internal;
using NeuralNet.Evaluation.Validation.Internal;
using NeuralNet.Validation;

namespace NeuralNet.Evaluation.Validation;

/// <summary>
/// Repeated k-fold cross-validation, as scikit-learn's <c>RepeatedKFold</c> / <c>RepeatedStratifiedKFold</c>: k-fold
/// run <see cref="RepeatedKFoldOptions.Repeats"/> times with differently dealt folds, R·k splits named
/// "repeat r/R fold i/k". The report's mean ± std is over all of them.
/// </summary>
/// <remarks>
/// A test part of ⌈TestFraction · n⌉ (none when TestFraction is 0 or the data set has its own test set) is held out
/// once, stratified when asked, and shared by every split; each repeat deals the remaining samples into k folds (sizes
/// as <see cref="KFoldValidator"/>) from its own seed, drawn in order from the request's seeded random, so repeat r
/// is the same whatever the number of repeats after it. Within a repeat the folds partition the non-test samples.
/// Indices in each part are ascending. <see cref="KFoldOptions.Keep"/> says which model the run saves.
/// </remarks>
[Component("repeated_kfold", Aliases = ["repeated_k_fold"], Description = "k-fold repeated with a seed per repeat, optionally stratified, with an optional shared test part; Keep best, last or retrain.")]
public sealed class RepeatedKFoldValidator : IKeptModelValidator
{
    private readonly RepeatedKFoldOptions _options;

    public RepeatedKFoldValidator(RepeatedKFoldOptions options) => _options = OptionsGuard.Validate(options, nameof(options));

    public KeptModel Keep => FoldSplits.ParseKeep(_options.Keep);

    public int? SplitCount => _options.Folds * _options.Repeats;

    /// <exception cref="ArgumentException">Fewer samples than folds after the test part, or labels of the wrong length.</exception>
    public IReadOnlyList<DataSplit> Split(SplitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int n = request.Count, k = _options.Folds, repeats = _options.Repeats;
        (int test, int remaining) = FoldSplits.TestAndRest(request, _options);
        if (request.Labels is { } all && all.Length != n)
            throw new ArgumentException($"The split request has {n} samples but {all.Length} labels.", nameof(request));

        // The test part first, once: parts [rest, test].
        int[] rest = Enumerable.Range(0, n).ToArray(), testPart = [];
        if (test > 0)
        {
            int[][] parts = Partitioner.Partition(request, [remaining, test], _options.Shuffle, _options.Stratify);
            (rest, testPart) = (parts[0], parts[1]);
        }
        int[]? restLabels = request.Labels is { } labels ? rest.Select(i => labels[i]).ToArray() : null;
        int[] seeds = Enumerable.Range(0, repeats).Select(_ => request.Random.Next()).ToArray();

        var splits = new List<DataSplit>(repeats * k);
        for (int r = 0; r < repeats; r++)
        {
            var repeat = new SplitRequest(rest.Length, restLabels, request.HasPredefinedTest, new Random(seeds[r]));
            // Folds of positions in rest, mapped back to sample indices (rest ascending, so the folds stay ascending).
            int[][] folds = Partitioner.Partition(repeat, FoldSplits.Sizes(rest.Length, k), _options.Shuffle, _options.Stratify)
                .Select(fold => fold.Select(position => rest[position]).ToArray()).ToArray();
            splits.AddRange(FoldSplits.Build(folds, testPart, $"repeat {r + 1}/{repeats} "));
        }
        return splits;
    }
}
