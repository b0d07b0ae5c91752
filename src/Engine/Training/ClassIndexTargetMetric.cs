using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Metrics;
using Tensor = NeuralNet.Tensors.Tensor;

namespace NeuralNet.Engine.Training;

/// <summary>
/// Gives a metric one-hot target rows when the loss trains on class indices (<see cref="TargetEncoding.ClassIndex"/>):
/// metrics read <c>[batch, C]</c> targets beside <c>[batch, C]</c> predictions whatever the loss reads. The one-hot
/// buffer is allocated once, at the first batch's size (evaluation runs in chunks of the training batch), so updates
/// allocate nothing after that.
/// </summary>
public sealed class ClassIndexTargetMetric(IMetric inner, int classes) : IMetric
{
    private Tensor? _oneHot;

    /// <summary><paramref name="metric"/> as it must see targets under <paramref name="loss"/>: wrapped for class indices, else itself.</summary>
    public static IMetric For(IMetric metric, ILoss loss, int classes)
        => loss.TargetEncoding == TargetEncoding.ClassIndex ? new ClassIndexTargetMetric(metric, classes) : metric;

    public bool HigherIsBetter => inner.HigherIsBetter;

    public PredictionTask Tasks => inner.Tasks;

    public void Reset() => inner.Reset();

    public void Update(Tensor predictions, Tensor targets)
    {
        int batch = targets.BatchSize;
        if (_oneHot is null || _oneHot.Capacity < batch) _oneHot = new Tensor(batch, classes);
        _oneHot.SetBatchSize(batch);
        Span<float> rows = _oneHot.Span;
        rows.Clear();
        ReadOnlySpan<float> indices = targets.ReadOnlySpan;
        for (int b = 0; b < batch; b++) rows[b * classes + (int)indices[b]] = 1f;
        inner.Update(predictions, _oneHot);
    }

    public double Result() => inner.Result();
}
