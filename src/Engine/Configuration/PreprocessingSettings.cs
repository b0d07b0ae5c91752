namespace NeuralNet.Engine.Configuration;

/// <summary><c>Experiment:Preprocessing</c>.</summary>
public sealed class PreprocessingSettings
{
    /// <summary>Feature scaling; statistics come from the training split and are saved with the model. Default Standard.</summary>
    public NormalizationKind Normalize { get; set; } = NormalizationKind.Standard;
}
