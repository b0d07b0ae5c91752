using NeuralNet.Data;

namespace NeuralNet.Engine.Pipeline;

/// <summary>Which <see cref="PredictionTask"/> a data set poses, read from its targets.</summary>
public static class TaskDetection
{
    /// <summary>
    /// Regression without class names; with them, classification when every target row is one-hot (or a single
    /// {0, 1} column) and multi-label when the rows are in {0, 1} with any number of ones.
    /// </summary>
    public static PredictionTask Of(DataSet data)
    {
        if (!data.IsClassification) return PredictionTask.Regression;
        int width = data.TargetSize;
        if (width == 1) return PredictionTask.Classification;
        int chunk = Math.Max(1, Math.Min(data.Count, 4096));
        var indices = new int[chunk];
        var features = new float[chunk * data.FeatureShape.Size];
        var targets = new float[chunk * width];
        for (int start = 0; start < data.Count; start += chunk)
        {
            int n = Math.Min(chunk, data.Count - start);
            for (int j = 0; j < n; j++) indices[j] = start + j;
            data.Samples.Read(indices.AsSpan(0, n), features, targets);
            for (int j = 0; j < n; j++)
            {
                int ones = 0;
                foreach (float v in targets.AsSpan(j * width, width)) if (v >= 0.5f) ones++;
                if (ones != 1) return PredictionTask.MultiLabel;
            }
        }
        return PredictionTask.Classification;
    }

    /// <summary>The task in words, for messages: "classification", "multi-label classification", "regression".</summary>
    public static string Describe(PredictionTask task) => task switch
    {
        PredictionTask.Classification => "classification",
        PredictionTask.MultiLabel => "multi-label classification",
        PredictionTask.Regression => "regression",
        _ => task.ToString(),
    };
}
