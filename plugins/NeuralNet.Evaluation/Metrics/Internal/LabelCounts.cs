using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Metrics.Internal;

/// <summary>
/// Multi-label counts summed over batches: per label (column) the true positives, false positives and false
/// negatives, a label being on when its value is &gt;= 0.5 (targets) or &gt;= the threshold (sigmoid predictions);
/// and per sample whether every label matched and how many differed. Sized once, from the first batch's width.
/// </summary>
internal sealed class LabelCounts(float threshold)
{
    private long[] _tp = [];
    private long[] _fp = [];
    private long[] _fn = [];

    /// <summary>Labels (columns); 0 before the first batch.</summary>
    public int Labels => _tp.Length;

    public long Samples { get; private set; }

    /// <summary>Samples whose every label matched.</summary>
    public long ExactMatches { get; private set; }

    /// <summary>Label values that differ, over every sample.</summary>
    public long Mismatches { get; private set; }

    public ReadOnlySpan<long> TruePositives => _tp;

    public ReadOnlySpan<long> FalsePositives => _fp;

    public ReadOnlySpan<long> FalseNegatives => _fn;

    public void Reset()
    {
        Array.Clear(_tp);
        Array.Clear(_fp);
        Array.Clear(_fn);
        Samples = ExactMatches = Mismatches = 0;
    }

    /// <exception cref="ArgumentException">Shapes differ, or the width changed since the last reset.</exception>
    public void Add(Tensor predictions, Tensor targets)
    {
        BatchShapes.EnsureMatch(predictions, targets);
        int width = targets.SampleSize;
        if (width != _tp.Length)
        {
            if (Samples > 0)
                throw new ArgumentException(
                    $"Targets {targets.ShapeString} have {width} labels, but earlier batches since the last reset had {_tp.Length}.", nameof(targets));
            _tp = new long[width];
            _fp = new long[width];
            _fn = new long[width];
        }
        ReadOnlySpan<float> p = predictions.ReadOnlySpan;
        ReadOnlySpan<float> t = targets.ReadOnlySpan;
        for (int offset = 0; offset < t.Length; offset += width)
        {
            int wrong = 0;
            for (int j = 0; j < width; j++)
            {
                bool actual = t[offset + j] >= ClassificationCounts.TargetThreshold;
                bool predicted = p[offset + j] >= threshold;
                if (actual && predicted) _tp[j]++;
                else if (predicted) { _fp[j]++; wrong++; }
                else if (actual) { _fn[j]++; wrong++; }
            }
            Mismatches += wrong;
            if (wrong == 0) ExactMatches++;
        }
        Samples += targets.BatchSize;
    }
}
