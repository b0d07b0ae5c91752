using NeuralNet.Components;
using NeuralNet.Evaluation.Metrics.Internal;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// Multi-label precision: of the samples predicted to carry a label, the fraction that do, per label, combined by <see cref="LabelScoreOptions.Average"/>, as
/// scikit-learn's <c>precision_score</c> on label-indicator targets <c>[N, L]</c>.
/// </summary>
[Component("label_precision", Aliases = ["multilabel_precision"], Description = "Multi-label precision per label (macro/micro/weighted average; predictions thresholded).")]
public sealed class LabelPrecision(LabelScoreOptions options) : LabelScoreMetric(options, ClassScore.Precision);
