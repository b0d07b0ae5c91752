using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Evaluation.Internal;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// The fraction of samples classified correctly, as scikit-learn's <c>accuracy_score</c>: correct / samples.
/// </summary>
/// <remarks>
/// Shapes: predictions and targets <c>[batch, C]</c>. With C &gt;= 2 (softmax, one-hot targets) a sample is correct
/// when argmax(prediction) == argmax(target). With C = 1 (sigmoid) it is correct when
/// (prediction &gt;= <see cref="AccuracyOptions.Threshold"/>) == (target &gt;= 0.5).
/// Higher is better; NaN before any sample.
/// </remarks>
[Component("accuracy", Aliases = ["acc"], Description = "Fraction of samples classified correctly (argmax, or threshold for one column).", DefaultFor = [ComponentDefaults.Classification])]
public sealed class Accuracy : IMetric
{
    private readonly float _threshold;
    private long _correct;
    private long _samples;

    public Accuracy(AccuracyOptions options) => _threshold = OptionsGuard.Validate(options, nameof(options)).Threshold;

    public bool HigherIsBetter => true;

    public PredictionTask Tasks => PredictionTask.Classification;

    public void Reset()
    {
        _correct = 0;
        _samples = 0;
    }

    public void Update(Tensor predictions, Tensor targets)
    {
        _correct += ClassificationCounts.CountCorrect(predictions, targets, _threshold);
        _samples += targets.BatchSize;
    }

    public double Result() => _samples == 0 ? double.NaN : (double)_correct / _samples;
}
