using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace Acme.JsonLines.DataSources;

/// <summary>Options of <see cref="JsonLinesDataSource"/>: <c>{ "Type": "acme&gt;jsonl", "Path": "data/points.jsonl" }</c>.</summary>
[ComponentOptions]
public sealed class JsonLinesOptions
{
    /// <summary>The file, relative to the content root unless absolute. Required.</summary>
    [Required]
    public string Path { get; set; } = "";

    /// <summary>The key of each line's feature array (numbers). Default <c>features</c>.</summary>
    [Required]
    public string Features { get; set; } = "features";

    /// <summary>The key of each line's class label (a string or an integer). Default <c>label</c>.</summary>
    [Required]
    public string Label { get; set; } = "label";
}
