using NeuralNet.Charts;
using NeuralNet.Data;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Training;
using NeuralNet.Tensors;
using NeuralNet.Training;

namespace NeuralNet.Engine.Pipeline;

/// <summary>Collects what the charts and the per-class report need from a finished run: the saved model's predictions on the evaluated samples.</summary>
public static class RunResultsBuilder
{
    /// <summary>Per-split histories in the chart contract's form.</summary>
    public static FoldHistory History(string split, IReadOnlyList<EpochSummary> epochs)
        => new(split, epochs.Select(e => new EpochValues(e.Epoch,
            new Dictionary<string, double>(e.TrainMetrics) { ["loss"] = e.TrainLoss },
            double.IsNaN(e.ValidationLoss) ? new Dictionary<string, double>() : new Dictionary<string, double>(e.ValidationMetrics) { ["loss"] = e.ValidationLoss },
            double.IsFinite(e.LearningRate) ? e.LearningRate : null)).ToArray());

    /// <summary>
    /// Reads samples <paramref name="indices"/> of <paramref name="samples"/>, predicts them with
    /// <paramref name="model"/> after <paramref name="normalizer"/>, in chunks of the model's batch size, and builds
    /// the results; classifiers get their <see cref="ClassReport"/>.
    /// </summary>
    public static RunResults Build(string experiment, PredictionTask task, DataSet data, IReadOnlyList<FoldHistory> folds, int savedFold,
        SequentialModel model, FeatureNormalizer normalizer, ISampleSet samples, int[] indices, string evaluatedOn)
    {
        int inputSize = data.FeatureShape.Size, outputs = data.TargetSize, rows = indices.Length;
        var inputs = new float[(long)rows * inputSize];
        var targets = new float[(long)rows * outputs];
        samples.Read(indices, inputs, targets);
        float[] predictions = Predict(model, normalizer, inputs, rows, outputs);
        return new RunResults
        {
            Experiment = experiment,
            Task = task,
            ClassNames = data.ClassNames,
            FeatureNames = data.FeatureNames,
            InputShape = data.FeatureShape,
            Outputs = outputs,
            Folds = folds,
            SavedFold = savedFold,
            EvaluatedOn = evaluatedOn,
            Samples = rows,
            Inputs = inputs,
            Predictions = predictions,
            Targets = targets,
            Classes = data.ClassNames is { } names && rows > 0 ? ClassReports.Build(task, names, predictions, targets, rows, outputs) : null,
            Predict = (x, count) => Predict(model, normalizer, x, count, outputs),
        };
    }

    /// <summary>
    /// The model's outputs for <paramref name="count"/> raw input rows, normalised as in training, as rows of
    /// <paramref name="width"/> (the targets' width). A single sigmoid output for two one-hot classes becomes the row
    /// [1 − p, p], so predictions and targets line up.
    /// </summary>
    public static float[] Predict(SequentialModel model, FeatureNormalizer normalizer, float[] inputs, int count, int width)
    {
        int outputs = model.OutputShape.Size;
        float[] raw = Predict(model, normalizer, inputs, count);
        if (outputs == width) return raw;
        if (outputs != 1 || width != 2)
            throw new InvalidOperationException($"The model has {outputs} outputs for targets of {width} columns.");
        var rows = new float[(long)count * 2];
        for (int i = 0; i < count; i++)
        {
            rows[2 * i] = 1 - raw[i];
            rows[2 * i + 1] = raw[i];
        }
        return rows;
    }

    /// <summary>The model's outputs for <paramref name="count"/> raw input rows, normalised as in training.</summary>
    public static float[] Predict(SequentialModel model, FeatureNormalizer normalizer, float[] inputs, int count)
    {
        int inputSize = model.InputShape.Size, outputs = model.OutputShape.Size, batch = model.MaxBatchSize;
        if (inputs.Length < (long)count * inputSize)
            throw new ArgumentException($"{count} rows of {model.InputShape} need {(long)count * inputSize} values, got {inputs.Length}.", nameof(inputs));
        var result = new float[(long)count * outputs];
        var x = new Tensor(batch, model.InputShape);
        for (int start = 0; start < count; start += batch)
        {
            int n = Math.Min(batch, count - start);
            x.SetBatchSize(n);
            inputs.AsSpan(start * inputSize, n * inputSize).CopyTo(x.Span);
            normalizer.Apply(x);
            model.Predict(x).ReadOnlySpan.CopyTo(result.AsSpan(start * outputs, n * outputs));
        }
        return result;
    }
}
