namespace NeuralNet.DataSources;

/// <summary>How a CSV target column is read (<see cref="CsvDataSourceOptions.Task"/>).</summary>
public enum CsvTask
{
    /// <summary>
    /// Classification when <see cref="CsvDataSourceOptions.ClassNames"/> is set, when any target value is not a number,
    /// or when every target value is an integer literal (<c>3</c>, not <c>3.0</c>) and there are at most 20 distinct
    /// values; regression otherwise.
    /// </summary>
    Auto,

    /// <summary>Each distinct target value is a class; targets are one-hot.</summary>
    Classification,

    /// <summary>The target column is a number per row; targets are <c>[rows, 1]</c>.</summary>
    Regression,
}
