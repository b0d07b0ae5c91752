using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts;

/// <summary>
/// What a finished run hands to every <see cref="IChart"/>: the history of each split, and the saved model's
/// predictions on the evaluated samples (the test set, or the validation set when there is no test set) with their
/// inputs and targets. Rows are batch-first and contiguous: sample i's values are <c>[i * width, (i + 1) * width)</c>.
/// </summary>
public sealed class RunResults
{
    /// <summary>The experiment name, for titles.</summary>
    public required string Experiment { get; init; }

    public required PredictionTask Task { get; init; }

    /// <summary>Class (or label) names in target-column order; null for regression.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Names of the input features, where the data has them.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>Shape of one input sample (<c>[2]</c>, <c>[1, 28, 28]</c>).</summary>
    public required TensorShape InputShape { get; init; }

    /// <summary>Values per prediction and target row.</summary>
    public required int Outputs { get; init; }

    /// <summary>Per-split history; one entry for holdout, one per fold for k-fold.</summary>
    public required IReadOnlyList<FoldHistory> Folds { get; init; }

    /// <summary>Index in <see cref="Folds"/> of the split whose model was saved and evaluated below.</summary>
    public int SavedFold { get; init; }

    /// <summary>Which samples the rows below are: <c>test</c> or <c>validation</c>.</summary>
    public required string EvaluatedOn { get; init; }

    /// <summary>Number of evaluated samples.</summary>
    public required int Samples { get; init; }

    /// <summary>Raw (not normalised) inputs, <c>[Samples, InputShape]</c>.</summary>
    public required float[] Inputs { get; init; }

    /// <summary>The model's outputs (probabilities for classifiers), <c>[Samples, Outputs]</c>.</summary>
    public required float[] Predictions { get; init; }

    /// <summary>The targets (one-hot for classification), <c>[Samples, Outputs]</c>.</summary>
    public required float[] Targets { get; init; }

    /// <summary>Confusion matrix and per-class scores, for classification.</summary>
    public ClassReport? Classes { get; init; }

    /// <summary>
    /// The saved model on raw inputs: <c>Predict(inputs, count)</c> normalises <c>count</c> rows of
    /// <see cref="InputShape"/> as in training and returns the outputs, <c>[count, Outputs]</c> (decision regions,
    /// fitted curves).
    /// </summary>
    public required Func<float[], int, float[]> Predict { get; init; }
}
