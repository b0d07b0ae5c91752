using NeuralNet.Components;
using NeuralNet.Evaluation.Metrics.Internal;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// Of the samples of a class, the fraction predicted as it: per class tp / (tp + fn), combined over the
/// classes by <see cref="ClassScoreOptions.Average"/>, as scikit-learn's <c>recall_score</c> (a class whose
/// denominator is 0 scores 0, its default zero_division).
/// </summary>
[Component("recall", Description = "Of the samples of a class, the fraction predicted as it (per class, macro/micro/weighted/binary average).")]
public sealed class Recall(ClassScoreOptions options) : ClassScoreMetric(options, ClassScore.Recall);
