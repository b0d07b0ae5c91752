using NeuralNet.Components;
using NeuralNet.Evaluation.Internal;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// Of the samples predicted as a class, the fraction that belong to it: per class tp / (tp + fp), combined over the
/// classes by <see cref="ClassScoreOptions.Average"/>, as scikit-learn's <c>precision_score</c> (a class whose
/// denominator is 0 scores 0, its default zero_division).
/// </summary>
/// <remarks>
/// Shapes: predictions and targets <c>[batch, C]</c>. With C &gt;= 2 the classes are argmax(prediction) and
/// argmax(target); with C = 1 (sigmoid) they are prediction &gt;= <see cref="ClassScoreOptions.Threshold"/> and
/// target &gt;= 0.5 (two classes, 0 and 1). A confusion matrix is accumulated over batches.
/// Higher is better; NaN before any sample.
/// </remarks>
[Component("precision", Description = "Of the samples predicted as a class, the fraction that belong to it (per class, macro/micro/weighted/binary average).")]
public sealed class Precision : IMetric
{
    private readonly ClassAverage _average;
    private readonly ConfusionAccumulator _counts;

    public Precision(ClassScoreOptions options)
    {
        OptionsGuard.Validate(options, nameof(options));
        _average = ClassificationCounts.ParseAverage(options.Average);
        _counts = new ConfusionAccumulator(options.Threshold, requireTwoClasses: _average == ClassAverage.Binary);
    }

    public bool HigherIsBetter => true;

    public void Reset() => _counts.Reset();

    public void Update(Tensor predictions, Tensor targets) => _counts.Add(predictions, targets);

    public double Result() => _counts.Classes == 0
        ? double.NaN
        : ClassificationCounts.Score(_counts.Counts, _counts.Classes, ClassScore.Precision, _average);
}
