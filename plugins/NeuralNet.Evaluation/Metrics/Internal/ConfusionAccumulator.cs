using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics.Internal;

/// <summary>
/// A confusion matrix summed over batches. Sized once, on the first batch, from the targets' width; later batches
/// allocate nothing. A reset keeps the matrix and may resize it for a different width.
/// </summary>
internal sealed class ConfusionAccumulator(float threshold, bool requireTwoClasses)
{
    private long[] _counts = [];
    private long _samples;

    /// <summary>Classes of the matrix; 0 before the first batch.</summary>
    public int Classes { get; private set; }

    public ReadOnlySpan<long> Counts => _counts;

    public void Reset()
    {
        Array.Clear(_counts);
        _samples = 0;
    }

    /// <exception cref="ArgumentException">Shapes differ, the width changed since the last reset, or two classes are
    /// required (average 'binary') and the targets have more columns.</exception>
    public void Add(Tensor predictions, Tensor targets)
    {
        BatchShapes.EnsureMatch(predictions, targets);
        int classes = ClassificationCounts.ClassCount(targets.SampleSize);
        if (classes != Classes)
        {
            if (_samples > 0)
                throw new ArgumentException(
                    $"Targets {targets.ShapeString} have {classes} classes, but earlier batches since the last reset had {Classes}.", nameof(targets));
            if (requireTwoClasses && classes != 2)
                throw new ArgumentException(
                    $"Average 'binary' needs one sigmoid column or two classes; targets {targets.ShapeString} have {classes}. Use Average macro, micro or weighted.", nameof(targets));
            _counts = new long[classes * classes];
            Classes = classes;
        }
        ClassificationCounts.AccumulateConfusion(predictions, targets, threshold, _counts);
        _samples += targets.BatchSize;
    }
}
