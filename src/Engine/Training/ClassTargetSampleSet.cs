using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Training;

/// <summary>
/// A classification data set's samples with targets in the form its loss asks for (<see cref="IClassOutputLoss"/>):
/// binary cross-entropy's one 0/1 column for two classes in place of the one-hot pair. Reads the one-hot rows into a
/// buffer kept between calls (grown once to the largest batch) and encodes them row by row.
/// </summary>
public sealed class ClassTargetSampleSet : ISampleSet
{
    private readonly ISampleSet _inner;
    private readonly IClassOutputLoss _loss;
    private float[] _oneHot = [];

    private ClassTargetSampleSet(ISampleSet inner, IClassOutputLoss loss, int width)
    {
        _inner = inner;
        _loss = loss;
        TargetShape = new TensorShape(width);
    }

    /// <summary>
    /// The samples the model trains on for <paramref name="loss"/>: <paramref name="data"/>'s own when the loss
    /// keeps one-hot targets (or the data is regression), else a view with the loss's targets.
    /// </summary>
    public static ISampleSet For(DataSet data, ILoss loss)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Multi-label targets are already one 0/1 column per label: nothing to re-encode.
        if (loss is not IClassOutputLoss encoding || !data.IsClassification || data.IsMultiLabel) return data.Samples;
        int width = encoding.OutputWidth(data.TargetSize);
        return width == data.TargetSize ? data.Samples : new ClassTargetSampleSet(data.Samples, encoding, width);
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
            _loss.EncodeTargets(_oneHot.AsSpan(k * classes, classes), targets.Slice(k * width, width));
    }
}
