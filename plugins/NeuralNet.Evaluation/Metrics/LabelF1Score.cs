using NeuralNet.Components;
using NeuralNet.Evaluation.Metrics.Internal;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// Multi-label F1: the harmonic mean of label precision and recall, 2 tp / (2 tp + fp + fn), per label, combined
/// by <see cref="LabelScoreOptions.Average"/>, as scikit-learn's <c>f1_score</c> on label-indicator targets <c>[N, L]</c>.
/// </summary>
[Component("label_f1", Aliases = ["multilabel_f1"], Description = "Multi-label f1 per label (macro/micro/weighted average; predictions thresholded).")]
public sealed class LabelF1Score(LabelScoreOptions options) : LabelScoreMetric(options, ClassScore.F1);
