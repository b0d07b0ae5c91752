using NeuralNet.Components;

namespace NeuralNet.Validation;

/// <summary>Divides a data set into one split (hold-out) or several (k-fold); the engine trains one model per split.</summary>
[ComponentFamily("validator")]
public interface ICrossValidator
{
    /// <summary>
    /// Called once per run, after the data set is loaded and before any training. Returns the splits in the order they
    /// are trained; indices within a split are distinct, in <c>[0, request.Count)</c>, and train, validation and test
    /// are disjoint. Draw only from <see cref="SplitRequest.Random"/> so the split is reproducible. A request the
    /// validator cannot serve (more folds than samples) throws <see cref="Errors.ConfigurationException"/>.
    /// </summary>
    IReadOnlyList<DataSplit> Split(SplitRequest request);

    /// <summary>
    /// How many splits <see cref="Split"/> deals whatever the data (k for k-fold), or null when the data decide. A sweep
    /// uses it to queue one job per split (each run then trains only its split: <c>Training:Split</c>).
    /// </summary>
    int? SplitCount => null;
}
