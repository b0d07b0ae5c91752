namespace NeuralNet.Engine.Configuration;

/// <summary>Which input values share one normalisation statistic.</summary>
public enum NormalizationScope
{
    /// <summary>Each value of a sample (each column of a table, each pixel) has its own mean and scale.</summary>
    Feature,

    /// <summary>All values of a channel (the first axis of a [C, H, W] sample) share one mean and scale.</summary>
    Channel,
}
