using NeuralNet.Data;
using NeuralNet.Errors;
using NeuralNet.Losses;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Training;

/// <summary>
/// A classification data set's samples with targets in the form its loss asks for: binary cross-entropy's one 0/1
/// column for two classes in place of the one-hot pair (<see cref="IClassOutputLoss"/>), or one class index per
/// sample for a loss whose <see cref="ILoss.TargetEncoding"/> is <see cref="TargetEncoding.ClassIndex"/> (one float
/// per sample instead of one per class). Reads the one-hot rows into a buffer kept between calls (grown once to the
/// largest batch) and encodes them row by row.
/// </summary>
public sealed class ClassTargetSampleSet : ISampleSet
{
    private readonly ISampleSet _inner;
    private readonly IClassOutputLoss? _loss; // null: class indices
    private float[] _oneHot = [];

    private ClassTargetSampleSet(ISampleSet inner, IClassOutputLoss? loss, int width)
    {
        _inner = inner;
        _loss = loss;
        TargetShape = new TensorShape(width);
    }

    /// <summary>
    /// The samples the model trains on for <paramref name="loss"/>: <paramref name="data"/>'s own when the loss
    /// keeps one-hot targets (or the data is regression), else a view with the loss's targets.
    /// </summary>
    /// <param name="data">The loaded data set.</param>
    /// <param name="loss">The run's loss.</param>
    /// <param name="lossKey">The loss's config key, for errors.</param>
    /// <exception cref="ConfigurationException">A class-index loss on regression or multi-label data.</exception>
    public static ISampleSet For(DataSet data, ILoss loss, string lossKey = "Experiment:Loss")
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.TargetEncoding == TargetEncoding.ClassIndex)
        {
            if (!data.IsClassification || data.IsMultiLabel)
                throw new ConfigurationException(lossKey,
                    $"the loss reads one class index per sample, which needs single-label classification data, but {data.Source} is " +
                    $"{(data.IsMultiLabel ? "multi-label (use binary_crossentropy)" : "regression")}.");
            return new ClassTargetSampleSet(data.Samples, null, 1);
        }
        // Multi-label targets are already one 0/1 column per label: nothing to re-encode.
        if (loss is not IClassOutputLoss encoding || !data.IsClassification || data.IsMultiLabel) return data.Samples;
        int width = encoding.OutputWidth(data.TargetSize);
        return width == data.TargetSize ? data.Samples : new ClassTargetSampleSet(data.Samples, encoding, width);
    }

    /// <summary>
    /// The model's output width for <paramref name="data"/> under <paramref name="loss"/>: one per class (or
    /// regression output, or label), unless the loss sizes a classifier's output itself (<see cref="IClassOutputLoss"/>).
    /// Class-index targets do not change it: the model still has one output per class.
    /// </summary>
    public static int OutputWidth(DataSet data, ILoss loss)
    {
        ArgumentNullException.ThrowIfNull(data);
        return loss is IClassOutputLoss encoding && data.IsClassification && !data.IsMultiLabel
            ? encoding.OutputWidth(data.TargetSize)
            : data.TargetSize;
    }

    public int Count => _inner.Count;

    public TensorShape FeatureShape => _inner.FeatureShape;

    public TensorShape TargetShape { get; }

    public void Read(ReadOnlySpan<int> indices, Span<float> features, Span<float> targets)
    {
        int classes = _inner.TargetShape.Size, width = TargetShape.Size;
        if (_oneHot.Length < indices.Length * classes) _oneHot = new float[indices.Length * classes];
        _inner.Read(indices, features, _oneHot.AsSpan(0, indices.Length * classes));
        for (int k = 0; k < indices.Length; k++)
        {
            ReadOnlySpan<float> row = _oneHot.AsSpan(k * classes, classes);
            if (_loss is null) targets[k] = ClassOf(row);
            else _loss.EncodeTargets(row, targets.Slice(k * width, width));
        }
    }

    /// <summary>The first index of the largest value, as <see cref="DataSet.Labels"/> reads a one-hot row.</summary>
    private static int ClassOf(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
        return best;
    }
}
