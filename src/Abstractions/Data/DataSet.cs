using NeuralNet.Tensors;

namespace NeuralNet.Data;

/// <summary>
/// What a data source returns: the <see cref="Samples"/> (read by index) and what describes them. For
/// classification, targets are one-hot (one column per class) and <see cref="ClassNames"/> is set; for regression it
/// is null. Most sources hold their samples in memory (<see cref="TensorSampleSet"/>, built by the first
/// constructor); one whose data does not fit memory passes its own <see cref="ISampleSet"/>.
/// </summary>
public sealed class DataSet
{
    /// <summary>A data set held in memory: features and targets, one row per sample, batch-first.</summary>
    public DataSet(Tensor features, Tensor targets, IReadOnlyList<string>? classNames = null, string source = "")
        : this(Checked(features, targets, source), classNames, source)
    {
    }

    /// <summary>A data set over any random-access <paramref name="samples"/>.</summary>
    public DataSet(ISampleSet samples, IReadOnlyList<string>? classNames = null, string source = "")
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (classNames is not null && classNames.Count != samples.TargetShape.Size)
            throw new ArgumentException($"{source}: {classNames.Count} class names but targets have {samples.TargetShape.Size} columns.");
        Samples = samples;
        ClassNames = classNames;
        Source = source;
    }

    /// <summary>The samples, read by index.</summary>
    public ISampleSet Samples { get; }

    /// <summary>The feature rows of an in-memory set.</summary>
    /// <exception cref="InvalidOperationException">The set is not held in memory; read it through <see cref="Samples"/>.</exception>
    public Tensor Features => InMemory.Features;

    /// <summary>The target rows of an in-memory set.</summary>
    /// <exception cref="InvalidOperationException">The set is not held in memory; read it through <see cref="Samples"/>.</exception>
    public Tensor Targets => InMemory.Targets;

    /// <summary>Shape of one sample's features.</summary>
    public TensorShape FeatureShape => Samples.FeatureShape;

    /// <summary>Values per target row (classes, or regression outputs).</summary>
    public int TargetSize => Samples.TargetShape.Size;

    /// <summary>Class names in target-column order, or null for regression.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Names of the feature columns, where the source has them.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>
    /// How the source's columns became the features (numeric, or one-hot over categories), where the source encodes
    /// columns; saved with the model so new rows are encoded the same way. Null: every feature is a numeric column.
    /// </summary>
    public IReadOnlyList<FeatureColumn>? Columns { get; init; }

    /// <summary>
    /// True when missing values are left as NaN in the features, to be imputed from the training split (the mean of
    /// a numeric column, the most frequent category of a categorical one); the fill values are saved with the model.
    /// </summary>
    public bool ImputeMissing { get; init; }

    /// <summary>
    /// True for multi-label classification: each target column (named by <see cref="ClassNames"/>) is an independent
    /// 0/1 label, so a row may have any number of them (independent sigmoid outputs, binary cross-entropy).
    /// </summary>
    public bool IsMultiLabel { get; init; }

    /// <summary>
    /// How a raw input file (an image, ...) becomes one of these samples, for a source that reads such files: saved
    /// with the model so it can predict on new files of that kind (<see cref="IInputReader"/>). Null: the source reads
    /// no raw files one per sample (tables, generated data).
    /// </summary>
    public InputFormat? Input { get; init; }

    /// <summary>A test partition the source defines itself (Fashion-MNIST's t10k files); validators then split only this set.</summary>
    public DataSet? Test { get; init; }

    /// <summary>Where the data came from, for messages and reports.</summary>
    public string Source { get; }

    public int Count => Samples.Count;

    public bool IsClassification => ClassNames is not null;

    /// <summary>The class index of every sample (argmax of its one-hot row); only for single-label classification.</summary>
    public int[] Labels()
    {
        if (ClassNames is null) throw new InvalidOperationException($"{Source}: a regression data set has no class labels.");
        if (IsMultiLabel) throw new InvalidOperationException($"{Source}: a multi-label data set has no single class per sample.");
        var labels = new int[Count];
        int k = TargetSize, chunk = Math.Max(1, Math.Min(Count, 4096));
        var indices = new int[chunk];
        var features = new float[chunk * FeatureShape.Size];
        var targets = new float[chunk * k];
        for (int start = 0; start < labels.Length; start += chunk)
        {
            int n = Math.Min(chunk, labels.Length - start);
            for (int j = 0; j < n; j++) indices[j] = start + j;
            Samples.Read(indices.AsSpan(0, n), features, targets);
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<float> row = targets.AsSpan(j * k, k);
                int best = 0;
                for (int c = 1; c < k; c++) if (row[c] > row[best]) best = c;
                labels[start + j] = best;
            }
        }
        return labels;
    }

    private TensorSampleSet InMemory => Samples as TensorSampleSet
        ?? throw new InvalidOperationException($"{Source}: the samples are not held in memory; read them through Samples.");

    private static TensorSampleSet Checked(Tensor features, Tensor targets, string source)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (features.BatchSize != targets.BatchSize)
            throw new ArgumentException($"{source}: {features.BatchSize} feature rows but {targets.BatchSize} target rows.");
        return new TensorSampleSet(features, targets);
    }
}
