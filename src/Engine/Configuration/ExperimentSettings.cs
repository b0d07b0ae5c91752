using System.ComponentModel.DataAnnotations;

namespace NeuralNet.Engine.Configuration;

/// <summary>The scalar keys of the <c>Experiment</c> section; component sections are read by <see cref="ComponentSpec"/>.</summary>
public sealed class ExperimentSettings
{
    /// <summary>Names the run and model folders. Letters, digits, '-', '_' and '.'.</summary>
    [Required(ErrorMessage = "required: a name for the run and model folders, e.g. \"spiral\".")]
    [StringLength(100, ErrorMessage = "at most 100 characters (it names folders).")]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", ErrorMessage = "use letters, digits, '.', '-' and '_' only (it names folders).")]
    public string Name { get; set; } = "";

    /// <summary>One line saying what the experiment is.</summary>
    public string? Description { get; set; }

    /// <summary>Drives every random choice: data generation, splits, initial weights, shuffling, dropout. Default 42.</summary>
    public int Seed { get; set; } = 42;
}
