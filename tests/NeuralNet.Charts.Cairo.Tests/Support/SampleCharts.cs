namespace NeuralNet.Charts.Cairo.Tests.Support;

/// <summary>Realistic charts (deterministic): learning curves of a 30-epoch run and a 3-class spiral's decision regions.</summary>
internal static class SampleCharts
{
    public static LineChart Loss(int epochs = 30)
    {
        var random = new Random(7);
        double[] x = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
        double scale = epochs / 30.0; // the same run, stretched over more epochs
        double[] train = x.Select(e => 1.05 * Math.Exp(-e / 7 / scale) + 0.06 + 0.015 * random.NextDouble()).ToArray();
        double[] validation = x.Select(e => 1.1 * Math.Exp(-e / 8 / scale) + 0.14
            + 0.0015 * Math.Pow(Math.Max(0, e / scale - 18), 2) + 0.03 * random.NextDouble()).ToArray();
        return new LineChart("Loss per epoch", "epoch", "cross-entropy loss",
            [new ChartSeries("train", x, train), new ChartSeries("validation", x, validation)]);
    }

    public static LineChart Accuracy(int epochs = 30)
    {
        var random = new Random(11);
        double[] x = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
        double[] train = x.Select(e => 0.99 - 0.62 * Math.Exp(-e / 6) - 0.01 * random.NextDouble()).ToArray();
        double[] validation = x.Select(e => 0.93 - 0.6 * Math.Exp(-e / 6.5) - 0.025 * random.NextDouble()).ToArray();
        return new LineChart("Accuracy per epoch", "epoch", "accuracy",
            [new ChartSeries("train", x, train), new ChartSeries("validation", x, validation)]);
    }

    /// <summary>Three interleaved spiral arms (100 points each) and a 1-nearest-neighbour classifier's regions over them.</summary>
    public static DecisionRegionChart Spiral(int perClass = 100, int gridSize = 160)
    {
        var random = new Random(42);
        int n = 3 * perClass;
        var xs = new double[n];
        var ys = new double[n];
        var classes = new int[n];
        for (int k = 0; k < 3; k++)
        {
            for (int i = 0; i < perClass; i++)
            {
                double r = (double)i / (perClass - 1);
                double t = k * 4 + 4.0 * i / (perClass - 1) + 0.2 * Gaussian(random);
                int j = k * perClass + i;
                xs[j] = r * Math.Sin(t);
                ys[j] = r * Math.Cos(t);
                classes[j] = k;
            }
        }

        const double lo = -1.2, hi = 1.2;
        var grid = new int[gridSize * gridSize];
        for (int row = 0; row < gridSize; row++)
        {
            double gy = lo + (row + 0.5) * (hi - lo) / gridSize;
            for (int col = 0; col < gridSize; col++)
            {
                double gx = lo + (col + 0.5) * (hi - lo) / gridSize;
                int best = 0;
                double bestDistance = double.MaxValue;
                for (int j = 0; j < n; j++)
                {
                    double d = (xs[j] - gx) * (xs[j] - gx) + (ys[j] - gy) * (ys[j] - gy);
                    if (d < bestDistance)
                    {
                        bestDistance = d;
                        best = j;
                    }
                }
                grid[row * gridSize + col] = classes[best];
            }
        }
        return new DecisionRegionChart("Decision regions: 3-class spiral (1-NN)", "x1", "x2", ["class A", "class B", "class C"],
            lo, hi, lo, hi, grid, gridSize, gridSize, xs, ys, classes);
    }

    private static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
