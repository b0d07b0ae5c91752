using NeuralNet.Charts;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts.OxyPlot.Tests.Support;

/// <summary>Run results made by hand, with known predictions, for every kind of chart.</summary>
internal static class SampleResults
{
    /// <summary>A history whose loss falls from <paramref name="firstLoss"/> by 30% an epoch, with accuracy rising.</summary>
    public static FoldHistory History(string name, int epochs, double firstLoss = 1.2, bool learningRate = false)
        => new(name, Enumerable.Range(1, epochs).Select(e => new EpochValues(e,
            new Dictionary<string, double> { ["loss"] = firstLoss * Math.Pow(0.7, e - 1), ["accuracy"] = 1 - 0.5 * Math.Pow(0.8, e) },
            new Dictionary<string, double> { ["loss"] = firstLoss * 1.1 * Math.Pow(0.72, e - 1), ["accuracy"] = 1 - 0.55 * Math.Pow(0.8, e) },
            learningRate ? 0.01 * Math.Pow(0.9, e - 1) : null)).ToArray());

    /// <summary>
    /// A three-class classifier on two inputs, (x0, x1) in [-1, 1]²: the model predicts class 0 left of x0 = 0,
    /// class 1 right of it below x1 = 0 and class 2 above; samples are a grid whose true classes follow the same rule
    /// with some mistakes.
    /// </summary>
    public static RunResults TwoInputClassifier(int samples = 60, int folds = 1)
    {
        var random = new Random(5);
        var inputs = new float[samples * 2];
        var targets = new float[samples * 3];
        for (int i = 0; i < samples; i++)
        {
            inputs[2 * i] = (float)(random.NextDouble() * 2 - 1);
            inputs[2 * i + 1] = (float)(random.NextDouble() * 2 - 1);
            int c = Rule(inputs[2 * i], inputs[2 * i + 1]);
            if (i % 7 == 3) c = (c + 1) % 3;
            targets[i * 3 + c] = 1;
        }
        static float[] Predict(float[] x, int count)
        {
            var p = new float[count * 3];
            for (int i = 0; i < count; i++)
            {
                int c = Rule(x[2 * i], x[2 * i + 1]);
                for (int j = 0; j < 3; j++) p[i * 3 + j] = j == c ? 0.8f - 0.1f * x[2 * i + 1] * x[2 * i + 1] : 0.1f + 0.05f * j * x[2 * i];
            }
            return p;
        }
        float[] predictions = Predict(inputs, samples);
        string[] names = ["left", "lower right", "upper right"];
        return new RunResults
        {
            Experiment = "sample",
            Task = PredictionTask.Classification,
            ClassNames = names,
            FeatureNames = ["x0", "x1"],
            InputShape = new TensorShape(2),
            Outputs = 3,
            Folds = Enumerable.Range(1, folds).Select(f => History(folds == 1 ? "holdout" : $"fold-{f}", 12 + f)).ToArray(),
            EvaluatedOn = "test",
            Samples = samples,
            Inputs = inputs,
            Predictions = predictions,
            Targets = targets,
            Classes = Report(names, predictions, targets, samples, 3),
            Predict = Predict,
        };
    }

    /// <summary>The class the sample classifier predicts at (x0, x1).</summary>
    public static int Rule(float x0, float x1) => x0 < 0 ? 0 : x1 < 0 ? 1 : 2;

    /// <summary>A regression y = x² on one input, predicted by y = x² + 0.1 x.</summary>
    public static RunResults OneFeatureRegression(int samples = 40)
    {
        var inputs = new float[samples];
        var targets = new float[samples];
        for (int i = 0; i < samples; i++)
        {
            inputs[i] = -2 + 4f * i / (samples - 1);
            targets[i] = inputs[i] * inputs[i] + 0.3f * MathF.Sin(7 * i);
        }
        static float[] Predict(float[] x, int count) => x.Take(count).Select(v => v * v + 0.1f * v).ToArray();
        return new RunResults
        {
            Experiment = "sample",
            Task = PredictionTask.Regression,
            FeatureNames = ["x"],
            InputShape = new TensorShape(1),
            Outputs = 1,
            Folds = [History("holdout", 30, firstLoss: 600)],
            EvaluatedOn = "test",
            Samples = samples,
            Inputs = inputs,
            Predictions = Predict(inputs, samples),
            Targets = targets,
            Predict = Predict,
        };
    }

    /// <summary>A two-class image classifier on [1, 8, 8] images: a bright square in the top half is class "top"; every third prediction is wrong.</summary>
    public static RunResults Images(int samples = 12)
    {
        var shape = new TensorShape(1, 8, 8);
        var inputs = new float[samples * 64];
        var targets = new float[samples * 2];
        var predictions = new float[samples * 2];
        for (int i = 0; i < samples; i++)
        {
            int c = i % 2;
            for (int r = 0; r < 8; r++)
                for (int k = 0; k < 8; k++)
                    inputs[i * 64 + r * 8 + k] = (r is >= 1 and < 4 && c == 0) || (r is >= 4 and < 7 && c == 1) ? (k is >= 2 and < 6 ? 1f : 0.6f) : 0.1f * ((r + k + i) % 3);
            targets[i * 2 + c] = 1;
            int p = i % 3 == 0 ? 1 - c : c;
            predictions[i * 2 + p] = 0.9f;
            predictions[i * 2 + 1 - p] = 0.1f;
        }
        string[] names = ["top", "bottom"];
        return new RunResults
        {
            Experiment = "sample",
            Task = PredictionTask.Classification,
            ClassNames = names,
            InputShape = shape,
            Outputs = 2,
            Folds = [History("holdout", 5)],
            EvaluatedOn = "test",
            Samples = samples,
            Inputs = inputs,
            Predictions = predictions,
            Targets = targets,
            Classes = Report(names, predictions, targets, samples, 2),
            Predict = (_, _) => throw new InvalidOperationException("not needed"),
        };
    }

    /// <summary>A per-class report from a given confusion matrix (as the engine computes it).</summary>
    public static ClassReport Report(IReadOnlyList<string> names, long[] confusion)
    {
        int n = names.Count;
        var tp = Enumerable.Range(0, n).Select(c => confusion[c * n + c]).ToArray();
        var predicted = Enumerable.Range(0, n).Select(c => Enumerable.Range(0, n).Sum(t => confusion[t * n + c])).ToArray();
        var support = Enumerable.Range(0, n).Select(c => Enumerable.Range(0, n).Sum(p => confusion[c * n + p])).ToArray();
        static double Ratio(double a, double b) => b == 0 ? 0 : a / b;
        return new ClassReport(names, confusion,
            tp.Select((t, c) => Ratio(t, predicted[c])).ToArray(),
            tp.Select((t, c) => Ratio(t, support[c])).ToArray(),
            tp.Select((t, c) => Ratio(2 * t, predicted[c] + support[c])).ToArray(),
            support);
    }

    private static ClassReport Report(IReadOnlyList<string> names, float[] predictions, float[] targets, int rows, int width)
    {
        var confusion = new long[width * width];
        for (int i = 0; i < rows; i++)
            confusion[ArgMax(targets, i, width) * width + ArgMax(predictions, i, width)]++;
        return Report(names, confusion);
    }

    private static int ArgMax(float[] values, int row, int width)
    {
        int best = 0;
        for (int j = 1; j < width; j++) if (values[row * width + j] > values[row * width + best]) best = j;
        return best;
    }
}
