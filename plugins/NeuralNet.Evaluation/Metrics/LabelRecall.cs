using NeuralNet.Components;
using NeuralNet.Evaluation.Metrics.Internal;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// Multi-label recall: of the samples that carry a label, the fraction predicted to, per label, combined by <see cref="LabelScoreOptions.Average"/>, as
/// scikit-learn's <c>recall_score</c> on label-indicator targets <c>[N, L]</c>.
/// </summary>
[Component("label_recall", Aliases = ["multilabel_recall"], Description = "Multi-label recall per label (macro/micro/weighted average; predictions thresholded).")]
public sealed class LabelRecall(LabelScoreOptions options) : LabelScoreMetric(options, ClassScore.Recall);
