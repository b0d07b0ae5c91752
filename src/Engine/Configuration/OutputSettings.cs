namespace NeuralNet.Engine.Configuration;

/// <summary><c>Experiment:Output</c>: where runs and models go, relative to the content root.</summary>
public sealed class OutputSettings
{
    /// <summary>Reports and charts go to <c>{RunsDirectory}/{experiment}/</c>. Default "runs".</summary>
    public string RunsDirectory { get; set; } = "runs";

    /// <summary>The model goes to <c>{ModelsDirectory}/{experiment}/</c>. Default "models".</summary>
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>Allow the folders above to be absolute or to lead outside the content root. Default false.</summary>
    public bool AllowOutsideContentRoot { get; set; }
}
