using System.ComponentModel.DataAnnotations;

namespace NeuralNet.Engine.Configuration;

/// <summary>
/// <c>Experiment:Charts</c>: whether and how a run draws its charts. Which charts is <c>Kinds</c>, read by
/// <see cref="Pipeline.ChartStage"/>: a list of chart components, each a bare name (<c>"loss"</c>) or a section with
/// <c>Type</c> and options (<c>{ "Type": "loss", "Smoothing": 0.6 }</c>). Without <c>Kinds</c>, every registered
/// chart that applies to the task and data is drawn (a classifier gets its confusion matrix and ROC curves, a
/// regression its predicted-vs-actual plot); a chart named in <c>Kinds</c> that does not apply is a configuration error.
/// </summary>
public sealed class ChartSettings
{
    /// <summary>Draw charts at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

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
