using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Evaluation.Internal;
using NeuralNet.Evaluation.Metrics.Internal;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics;

/// <summary>
/// Area under the ROC curve, as scikit-learn's <c>roc_auc_score</c>: the probability that a random positive sample
/// scores above a random negative one, ties counting half (equal to the trapezoidal area under the ROC curve).
/// </summary>
/// <remarks>
/// Shapes: predictions and targets <c>[batch, C]</c>.
/// <list type="bullet">
/// <item>Binary: one sigmoid column (scores p, class 1 from target 0.5), or two columns (scores of column 1).</item>
/// <item>More classes (one-hot targets): one-vs-rest, the area of each class's column against "is this class",
/// averaged by <see cref="RocAucOptions.Average"/> (scikit-learn's <c>multi_class="ovr"</c>).</item>
/// <item>Multi-label (targets in {0, 1}, several per row): the same per column.</item>
/// </list>
/// The area is undefined for a column whose targets are all of one class; scikit-learn raises, this metric returns
/// NaN (a small validation set must not stop a run). It keeps every score until <see cref="Reset"/>, as a rank
/// statistic must: its buffers grow by doubling, so updates allocate only while the set grows past its largest size.
/// Higher is better; NaN before any sample.
/// </remarks>
[Component("roc_auc", Aliases = ["auc", "roc_auc_score"], Description = "Area under the ROC curve (binary, or one-vs-rest macro/weighted).")]
public sealed class RocAuc : IMetric
{
    private readonly bool _weighted;
    private float[] _scores = [];
    private float[] _targets = [];
    private int _width;
    private int _rows;

    public RocAuc(RocAucOptions options)
        => _weighted = OptionsGuard.Validate(options, nameof(options)).Average.Equals("weighted", StringComparison.OrdinalIgnoreCase);

    public bool HigherIsBetter => true;

    public PredictionTask Tasks => PredictionTask.Classification | PredictionTask.MultiLabel;

    public void Reset() => _rows = 0;

    public void Update(Tensor predictions, Tensor targets)
    {
        BatchShapes.EnsureMatch(predictions, targets);
        int width = targets.SampleSize;
        if (width != _width)
        {
            if (_rows > 0)
                throw new ArgumentException(
                    $"Targets {targets.ShapeString} have {width} columns, but earlier batches since the last reset had {_width}.", nameof(targets));
            _width = width;
        }
        int needed = (_rows + targets.BatchSize) * width;
        if (needed > _scores.Length)
        {
            int capacity = Math.Max(needed, Math.Max(256, _scores.Length * 2));
            Array.Resize(ref _scores, capacity);
            Array.Resize(ref _targets, capacity);
        }
        predictions.ReadOnlySpan.CopyTo(_scores.AsSpan(_rows * width));
        targets.ReadOnlySpan.CopyTo(_targets.AsSpan(_rows * width));
        _rows += targets.BatchSize;
    }

    public double Result()
    {
        if (_rows == 0) return double.NaN;
        if (_width <= 2) return RankAuc.Column(_scores, _targets, _rows, _width, _width - 1).Auc;
        double sum = 0, weights = 0;
        for (int c = 0; c < _width; c++)
        {
            var (auc, positives) = RankAuc.Column(_scores, _targets, _rows, _width, c);
            double weight = _weighted ? positives : 1;
            sum += weight * auc;
            weights += weight;
        }
        return sum / weights;
    }
}
