using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Training.Callbacks;

/// <summary>Options of <see cref="Checkpoint"/>.</summary>
[ComponentOptions]
public sealed class CheckpointOptions
{
    /// <summary>Write <c>epoch-NNNN.ckpt</c> every this many epochs; 0 writes none. Default 1.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "{0} must be an integer ≥ 0.")]
    public int EveryEpochs { get; set; } = 1;

    /// <summary>How many periodic checkpoints to keep (the newest); 0 keeps all. Default 3.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "{0} must be an integer ≥ 0.")]
    public int KeepLast { get; set; } = 3;

    /// <summary>When set, also keep <c>best.ckpt</c>: the epoch with the best value of this monitor (e.g. <c>val_loss</c>). Default none.</summary>
    public string? Monitor { get; set; }

    /// <summary><c>auto</c>, <c>min</c> or <c>max</c>, for <see cref="Monitor"/>. Default auto.</summary>
    public string Mode { get; set; } = "auto";
}
