using System.ComponentModel.DataAnnotations;

namespace NeuralNet.Engine.Configuration;

/// <summary><c>Experiment:Charts</c>: which charts (registered <c>IChart</c> components) a run draws, and how.</summary>
public sealed class ChartSettings
{
    /// <summary>Draw charts at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The charts to draw, by registered name (<c>loss</c>, <c>confusion</c>, <c>roc</c>). Default none: every
    /// registered chart that applies to the task and data (a classifier gets its confusion matrix and ROC curves, a
    /// regression its predicted-vs-actual plot). A chart named here that does not apply is a configuration error.
    /// </summary>
    public List<string> Kinds { get; set; } = [];

    /// <summary>File format: <c>png</c> (default) or <c>svg</c>.</summary>
    [RegularExpression("^(png|svg)$", ErrorMessage = "must be png or svg.")]
    public string Format { get; set; } = "png";

    /// <summary>Image width in pixels. Default 800.</summary>
    [Range(100, 8000)]
    public int Width { get; set; } = 800;

    /// <summary>Image height in pixels. Default 600.</summary>
    [Range(100, 8000)]
    public int Height { get; set; } = 600;
}
