namespace NeuralNet.Engine.Configuration;

/// <summary>How features are scaled, with statistics from the training samples only.</summary>
public enum NormalizationKind
{
    /// <summary>Features as the source gives them.</summary>
    None,

    /// <summary>(x − mean) / std per feature (or channel).</summary>
    Standard,

    /// <summary>
    /// (x − min) / (max − min) per feature, mapped into <see cref="PreprocessingSettings.Range"/> (default [0, 1]).
    /// </summary>
    MinMax,

    /// <summary>
    /// The CSV seed's: min-max into [−1, 1], then z-score of the result. Since a z-score ignores any increasing affine
    /// map before it, this gives the same features as <see cref="Standard"/>; it is kept so that configuration carries over.
    /// </summary>
    MinMaxStandard,

    /// <summary>
    /// Each sample on its own, no statistics from training (Keras' samplewise centring and std normalisation):
    /// (x − mean(x)) / (std(x) + 1e-6) over the sample's values.
    /// </summary>
    PerSample,

    /// <summary>x / <see cref="PreprocessingSettings.Divisor"/> (default 255, pixels into [0, 1]); nothing is fitted.</summary>
    Scale,
}
