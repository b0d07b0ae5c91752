using NeuralNet.Tensors;

namespace NeuralNet.Data;

/// <summary>
/// Samples in memory: features and targets, one row per sample, batch-first. For classification, targets are
/// one-hot (one column per class) and <see cref="ClassNames"/> is set; for regression it is null.
/// </summary>
public sealed class DataSet
{
    public DataSet(Tensor features, Tensor targets, IReadOnlyList<string>? classNames = null, string source = "")
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (features.BatchSize != targets.BatchSize)
            throw new ArgumentException($"{source}: {features.BatchSize} feature rows but {targets.BatchSize} target rows.");
        if (classNames is not null && classNames.Count != targets.SampleSize)
            throw new ArgumentException($"{source}: {classNames.Count} class names but targets have {targets.SampleSize} columns.");
        Features = features;
        Targets = targets;
        ClassNames = classNames;
        Source = source;
    }

    public Tensor Features { get; }

    public Tensor Targets { get; }

    /// <summary>Class names in target-column order, or null for regression.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Names of the feature columns, where the source has them.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>A test partition the source defines itself (Fashion-MNIST's t10k files); validators then split only this set.</summary>
    public DataSet? Test { get; init; }

    /// <summary>Where the data came from, for messages and reports.</summary>
    public string Source { get; }

    public int Count => Features.BatchSize;

    public bool IsClassification => ClassNames is not null;

    /// <summary>The class index of every sample (argmax of its one-hot row); only for classification.</summary>
    public int[] Labels()
    {
        if (ClassNames is null) throw new InvalidOperationException($"{Source}: a regression data set has no class labels.");
        var labels = new int[Count];
        int k = Targets.SampleSize;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> row = Targets.Buffer.AsSpan(i * k, k);
            int best = 0;
            for (int c = 1; c < k; c++) if (row[c] > row[best]) best = c;
            labels[i] = best;
        }
        return labels;
    }
}
