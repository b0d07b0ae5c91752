using NeuralNet.Charts;
using NeuralNet.Data;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Training;
using NeuralNet.Kernels;
using NeuralNet.Validation;
using Tensor = NeuralNet.Tensors.Tensor;

namespace NeuralNet.Engine.Pipeline;

/// <summary>Turns a run's history and model into charts through whichever <see cref="IChartRenderer"/> is configured.</summary>
public sealed class ChartWriter(IChartRenderer renderer)
{
    /// <summary>Cells per side of the decision-region grid.</summary>
    public const int GridSize = 160;

    /// <summary><c>loss</c> and one chart per metric: train vs validation by epoch.</summary>
    public void WriteLearningCurves(string directory, IReadOnlyList<NeuralNet.Training.EpochSummary> history, string experiment)
    {
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        Render("loss", "Loss", history.Select(h => h.TrainLoss), history.Select(h => h.ValidationLoss));
        if (history.Count == 0) return;
        foreach (string metric in history[0].TrainMetrics.Keys)
            Render(metric, Title(metric), history.Select(h => h.TrainMetrics[metric]), history.Select(h => h.ValidationMetrics.GetValueOrDefault(metric, double.NaN)));

        void Render(string file, string label, IEnumerable<double> train, IEnumerable<double> validation)
        {
            var chart = new LineChart($"{experiment}: {label.ToLowerInvariant()} by epoch", "Epoch", label,
                [new ChartSeries("train", epochs, train.ToArray()), new ChartSeries("validation", epochs, validation.ToArray())]);
            renderer.Render(chart, Path.Combine(directory, file + renderer.FileExtension));
        }
    }

    /// <summary>For a classifier on two features: predicted class over a grid spanning the data, with the test (or all) samples.</summary>
    public void WriteDecisionRegions(string directory, SequentialModel model, FeatureNormalizer normalizer, DataSet data, DataSplit split, string experiment)
    {
        ReadOnlySpan<float> f = data.Features.ReadOnlySpan;
        float xMin = float.MaxValue, xMax = float.MinValue, yMin = float.MaxValue, yMax = float.MinValue;
        for (int i = 0; i < data.Count; i++)
        {
            xMin = Math.Min(xMin, f[2 * i]); xMax = Math.Max(xMax, f[2 * i]);
            yMin = Math.Min(yMin, f[2 * i + 1]); yMax = Math.Max(yMax, f[2 * i + 1]);
        }
        float padX = Math.Max(1e-3f, (xMax - xMin) * 0.05f), padY = Math.Max(1e-3f, (yMax - yMin) * 0.05f);
        xMin -= padX; xMax += padX; yMin -= padY; yMax += padY;

        int cells = GridSize * GridSize;
        var grid = new int[cells];
        int batch = model.MaxBatchSize;
        var input = new Tensor(batch, model.InputShape);
        for (int start = 0; start < cells; start += batch)
        {
            int n = Math.Min(batch, cells - start);
            input.SetBatchSize(n);
            Span<float> x = input.Span;
            for (int k = 0; k < n; k++)
            {
                int cell = start + k;
                x[2 * k] = xMin + (xMax - xMin) * ((cell % GridSize) + 0.5f) / GridSize;
                x[2 * k + 1] = yMin + (yMax - yMin) * ((cell / GridSize) + 0.5f) / GridSize;
            }
            normalizer.Apply(input);
            Tensor output = model.Predict(input);
            Rows.PredictedClass(output.ReadOnlySpan, n, output.SampleSize, grid.AsSpan(start, n));
        }

        int[] shown = split.Test.Length > 0 ? split.Test : Enumerable.Range(0, data.Count).ToArray();
        int[] labels = data.Labels();
        float[] features = data.Features.Buffer;
        var chart = new DecisionRegionChart($"{experiment}: decision regions ({(split.Test.Length > 0 ? "test samples" : "all samples")})",
            data.FeatureNames?.ElementAtOrDefault(0) ?? "feature 0", data.FeatureNames?.ElementAtOrDefault(1) ?? "feature 1",
            data.ClassNames!, xMin, xMax, yMin, yMax, grid, GridSize, GridSize,
            shown.Select(i => (double)features[2 * i]).ToArray(), shown.Select(i => (double)features[2 * i + 1]).ToArray(), shown.Select(i => labels[i]).ToArray());
        renderer.Render(chart, Path.Combine(directory, "decision_boundary" + renderer.FileExtension));
    }

    /// <summary>An axis label for a metric name: short names are acronyms ("mse" → "MSE"), others are capitalised ("top_k" → "Top k").</summary>
    private static string Title(string metric)
        => metric.Length <= 3 ? metric.ToUpperInvariant() : char.ToUpperInvariant(metric[0]) + metric[1..].Replace('_', ' ');
}
