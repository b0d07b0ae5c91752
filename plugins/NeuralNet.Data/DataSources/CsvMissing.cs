namespace NeuralNet.DataSources;

/// <summary>What a missing feature value does (<see cref="CsvDataSourceOptions.Missing"/>).</summary>
public enum CsvMissing
{
    /// <summary>The file is rejected, naming the line and column.</summary>
    Error,

    /// <summary>The row is left out.</summary>
    Drop,

    /// <summary>
    /// The value is filled from the training split: the mean of a numeric column, the most frequent category of a
    /// categorical one. The fill values are saved with the model and applied to new data too.
    /// </summary>
    Impute,
}
