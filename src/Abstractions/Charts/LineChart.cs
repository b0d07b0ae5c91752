namespace NeuralNet.Charts;

/// <summary>Lines on shared axes with a title, axis labels and a legend: learning curves.</summary>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series)
{
    public int Width { get; init; } = 800;

    public int Height { get; init; } = 500;
}
