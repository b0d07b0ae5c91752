namespace NeuralNet.Engine.Configuration;

/// <summary><c>Experiment:Preprocessing</c>.</summary>
public sealed class PreprocessingSettings
{
    /// <summary>Feature scaling; statistics come from the training split and are saved with the model. Default Standard.</summary>
    public NormalizationKind Normalize { get; set; } = NormalizationKind.Standard;

    /// <summary>
    /// What one statistic covers: <see cref="NormalizationScope.Feature"/> (each input value on its own, for tables)
    /// or <see cref="NormalizationScope.Channel"/> (all pixels of a channel of [C, H, W] images together). Default
    /// Channel for samples of rank 3, Feature otherwise.
    /// </summary>
    public NormalizationScope? Per { get; set; }
}
