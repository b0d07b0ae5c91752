namespace NeuralNet.Charts;

/// <summary>
/// A classifier's decision regions over two features: a grid of predicted classes, coloured by class, with the
/// samples drawn on top in their true class's colour.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="XLabel">Name of feature 0.</param>
/// <param name="YLabel">Name of feature 1.</param>
/// <param name="ClassNames">Legend entries, in class-index order.</param>
/// <param name="XMin">Left edge of the grid.</param>
/// <param name="XMax">Right edge of the grid.</param>
/// <param name="YMin">Bottom edge of the grid.</param>
/// <param name="YMax">Top edge of the grid.</param>
/// <param name="GridClasses">Predicted class per cell, row-major, <paramref name="GridRows"/> x <paramref name="GridColumns"/>, row 0 at YMin.</param>
/// <param name="GridRows">Rows of the grid.</param>
/// <param name="GridColumns">Columns of the grid.</param>
/// <param name="PointsX">Feature 0 of each sample.</param>
/// <param name="PointsY">Feature 1 of each sample.</param>
/// <param name="PointClasses">True class of each sample.</param>
public sealed record DecisionRegionChart(
    string Title, string XLabel, string YLabel, IReadOnlyList<string> ClassNames,
    double XMin, double XMax, double YMin, double YMax,
    int[] GridClasses, int GridRows, int GridColumns,
    double[] PointsX, double[] PointsY, int[] PointClasses)
{
    public int Width { get; init; } = 700;

    public int Height { get; init; } = 600;
}
