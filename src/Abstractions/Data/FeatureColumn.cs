namespace NeuralNet.Data;

/// <summary>
/// One source column as the model sees it: a numeric column is one feature; a categorical (text) column is one-hot
/// over <see cref="Categories"/>, one feature per category in that order. A data set's columns, in order, cover its
/// features exactly. They are saved with the model, and a source given them back
/// (<see cref="DataLoadContext.Columns"/>) encodes new rows the same way.
/// </summary>
/// <param name="Name">The column's name in the source.</param>
/// <param name="Categories">The categories of a categorical column, in one-hot order; null for a numeric column.</param>
public sealed record FeatureColumn(string Name, IReadOnlyList<string>? Categories = null)
{
    /// <summary>Features the column takes: 1, or the number of categories.</summary>
    public int Width => Categories?.Count ?? 1;

    /// <summary>True for a one-hot encoded text column.</summary>
    public bool IsCategorical => Categories is not null;
}
