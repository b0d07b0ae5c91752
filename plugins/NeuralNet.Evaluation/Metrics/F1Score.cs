using NeuralNet.Components;
using NeuralNet.Evaluation.Metrics.Internal;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// The harmonic mean of precision and recall, per class: 2 tp / (2 tp + fp + fn) (= 2PR / (P + R)); combined over
/// the classes by <see cref="ClassScoreOptions.Average"/>, as scikit-learn's <c>f1_score</c> (a class whose
/// denominator is 0 scores 0, its default zero_division). Macro F1 is the mean of the per-class F1, not the F1 of
/// macro precision and recall.
/// </summary>
[Component("f1", Aliases = ["f1_score"], Description = "Harmonic mean of precision and recall (per class, macro/micro/weighted/binary average).")]
public sealed class F1Score(ClassScoreOptions options) : ClassScoreMetric(options, ClassScore.F1);
