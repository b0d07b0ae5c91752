namespace NeuralNet.Engine.Configuration;

/// <summary><c>Experiment:Charts</c>: which renderer draws the run's charts, and which charts.</summary>
public sealed class ChartSettings
{
    /// <summary>Write charts at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The registered chart renderer. Default "cairo".</summary>
    public string Renderer { get; set; } = "cairo";

    /// <summary>For classifiers on two features, draw the decision regions. Default true.</summary>
    public bool DecisionBoundary { get; set; } = true;
}
