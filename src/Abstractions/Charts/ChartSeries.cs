namespace NeuralNet.Charts;

/// <summary>One named line of (x, y) points.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);
