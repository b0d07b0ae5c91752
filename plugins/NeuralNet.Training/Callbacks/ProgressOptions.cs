using NeuralNet.Components;

namespace NeuralNet.Training.Callbacks;

/// <summary>Options of <see cref="Progress"/>.</summary>
[ComponentOptions]
public sealed class ProgressOptions
{
    /// <summary><c>auto</c> (draw only when standard error is a terminal), <c>always</c> or <c>never</c>. Default auto.</summary>
    public string Display { get; set; } = "auto";

    /// <summary>Smallest interval between redraws, in milliseconds. Default 100.</summary>
    [System.ComponentModel.DataAnnotations.Range(10, 60_000, ErrorMessage = "{0} must be between 10 and 60000.")]
    public int RefreshMilliseconds { get; set; } = 100;
}
