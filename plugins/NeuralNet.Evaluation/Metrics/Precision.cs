using NeuralNet.Components;
using NeuralNet.Evaluation.Metrics.Internal;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// Of the samples predicted as a class, the fraction that belong to it: per class tp / (tp + fp), combined over the
/// classes by <see cref="ClassScoreOptions.Average"/>, as scikit-learn's <c>precision_score</c> (a class whose
/// denominator is 0 scores 0, its default zero_division).
/// </summary>
[Component("precision", Description = "Of the samples predicted as a class, the fraction that belong to it (per class, macro/micro/weighted/binary average).")]
public sealed class Precision(ClassScoreOptions options) : ClassScoreMetric(options, ClassScore.Precision);
