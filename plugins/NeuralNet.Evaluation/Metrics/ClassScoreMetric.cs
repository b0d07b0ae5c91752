using NeuralNet.Data;
using NeuralNet.Evaluation.Internal;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// What precision, recall and F1 share: a confusion matrix accumulated over batches, scored per class and combined
/// by <see cref="ClassScoreOptions.Average"/>. Not a component itself; the three metrics name the score.
/// </summary>
/// <remarks>
/// Shapes: predictions and targets <c>[batch, C]</c>. With C &gt;= 2 the classes are argmax(prediction) and
/// argmax(target); with C = 1 (sigmoid) they are prediction &gt;= <see cref="ClassScoreOptions.Threshold"/> and
/// target &gt;= 0.5 (two classes, 0 and 1). Higher is better; NaN before any sample.
/// </remarks>
public abstract class ClassScoreMetric : IMetric
{
    private readonly ClassScore _score;
    private readonly ClassAverage _average;
    private readonly ConfusionAccumulator _counts;

    private protected ClassScoreMetric(ClassScoreOptions options, ClassScore score)
    {
        OptionsGuard.Validate(options, nameof(options));
        _score = score;
        _average = ClassificationCounts.ParseAverage(options.Average);
        _counts = new ConfusionAccumulator(options.Threshold, requireTwoClasses: _average == ClassAverage.Binary);
    }

    public bool HigherIsBetter => true;

    public PredictionTask Tasks => PredictionTask.Classification;

    public void Reset() => _counts.Reset();

    public void Update(Tensor predictions, Tensor targets) => _counts.Add(predictions, targets);

    public double Result() => _counts.Classes == 0
        ? double.NaN
        : ClassificationCounts.Score(_counts.Counts, _counts.Classes, _score, _average);
}
