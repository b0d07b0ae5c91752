using NeuralNet.Kernels;

namespace NeuralNet.Charts.OxyPlot.Internal;

/// <summary>Class indices and per-class scores from rows of predictions or targets.</summary>
internal static class Classes
{
    /// <summary>Classes of a problem whose rows have <paramref name="width"/> columns: 2 for one sigmoid column.</summary>
    public static int Count(int width) => width == 1 ? 2 : width;

    /// <summary>The class of every row: the first largest column, or for one column class 1 from 0.5.</summary>
    public static int[] Of(float[] values, int rows, int width)
    {
        var classes = new int[rows];
        if (width == 1)
            for (int i = 0; i < rows; i++) classes[i] = values[i] >= 0.5f ? 1 : 0;
        else
            Rows.ArgMax(values.AsSpan(0, rows * width), rows, width, classes);
        return classes;
    }

    /// <summary>
    /// The score of class <paramref name="c"/> for every row and whether the row belongs to it (one-vs-rest): column c,
    /// or for one sigmoid column p (class 1) and 1 − p (class 0). Multi-label rows: column c against target &gt;= 0.5.
    /// </summary>
    public static (double[] Scores, bool[] Positive) OneVsRest(RunResults results, int c)
    {
        int rows = results.Samples, width = results.Outputs;
        var scores = new double[rows];
        var positive = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            if (width == 1)
            {
                double p = results.Predictions[i];
                scores[i] = c == 1 ? p : 1 - p;
                positive[i] = (results.Targets[i] >= 0.5f) == (c == 1);
            }
            else
            {
                scores[i] = results.Predictions[i * width + c];
                positive[i] = results.Targets[i * width + c] >= 0.5f;
            }
        }
        return (scores, positive);
    }
}
