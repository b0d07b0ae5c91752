using NeuralNet.Metrics;
using Tensor = NeuralNet.Tensors.Tensor;

namespace NeuralNet.Engine.Training;

/// <summary>
/// Reports a metric in the data's units when the model trains on standardised targets: predictions and targets are
/// copied and transformed back before the metric sees them. The copies are allocated once, at the first batch's
/// size (evaluation runs in chunks of the training batch), so updates allocate nothing after that.
/// </summary>
public sealed class TargetScaledMetric(IMetric inner, TargetScaler scaler) : IMetric
{
    private Tensor? _predictions;
    private Tensor? _targets;

    public bool HigherIsBetter => inner.HigherIsBetter;

    public void Reset() => inner.Reset();

    public void Update(Tensor predictions, Tensor targets)
    {
        _predictions = Copy(predictions, _predictions);
        _targets = Copy(targets, _targets);
        scaler.Inverse(_predictions);
        scaler.Inverse(_targets);
        inner.Update(_predictions, _targets);
    }

    public double Result() => inner.Result();

    private static Tensor Copy(Tensor source, Tensor? buffer)
    {
        if (buffer is null || buffer.Capacity < source.BatchSize || buffer.SampleShape != source.SampleShape)
            buffer = new Tensor(source.BatchSize, source.SampleShape);
        buffer.SetBatchSize(source.BatchSize);
        source.ReadOnlySpan.CopyTo(buffer.Span);
        return buffer;
    }
}
