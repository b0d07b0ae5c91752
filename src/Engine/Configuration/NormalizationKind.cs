namespace NeuralNet.Engine.Configuration;

/// <summary>How features are scaled, with statistics from the training samples only.</summary>
public enum NormalizationKind
{
    /// <summary>Features as the source gives them.</summary>
    None,

    /// <summary>(x − mean) / std per feature.</summary>
    Standard,

    /// <summary>(x − min) / (max − min) per feature, into [0, 1].</summary>
    MinMax,
}
