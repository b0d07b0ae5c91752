using System.ComponentModel.DataAnnotations;

namespace NeuralNet.Engine.Configuration;

/// <summary><c>Experiment:Training</c>: the training loop.</summary>
public sealed class TrainingSettings
{
    /// <summary>Passes over the training set. Default 20.</summary>
    [Range(1, 1_000_000)]
    public int Epochs { get; set; } = 20;

    /// <summary>Samples per mini-batch. Default 32.</summary>
    [Range(1, 1 << 20)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Reshuffle the training samples every epoch. Default true.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>If set, gradients are scaled so their global L2 norm is at most this (after ClipValue). Default none.</summary>
    [Range(1e-12, double.MaxValue)]
    public float? ClipNorm { get; set; }

    /// <summary>If set, every gradient element is clamped to [−ClipValue, ClipValue] (before ClipNorm). Default none.</summary>
    [Range(1e-12, double.MaxValue)]
    public float? ClipValue { get; set; }

    /// <summary>L1 penalty on weights (not biases), for layers without their own: the loss gains L1·Σ|w|, the gradient L1·sign(w). Default 0.</summary>
    [Range(0, double.MaxValue)]
    public float L1 { get; set; }

    /// <summary>L2 penalty on weights (not biases), for layers without their own: the loss gains L2·Σw², the gradient 2·L2·w (Keras' convention). Default 0.</summary>
    [Range(0, double.MaxValue)]
    public float L2 { get; set; }

    /// <summary>
    /// Train only split i (1-based) of those the validator deals: the same split a run of them all trains, for one run
    /// per split (<c>sweep --splits</c> queues one job per k-fold fold this way). Default: every split.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? Split { get; set; }

    /// <summary>Threads for the math kernels; 0 uses every core. Default 0.</summary>
    [Range(0, 1024)]
    public int Threads { get; set; }

    /// <summary>A copy with another epoch count (k-fold's retrain: the mean best epoch of the folds).</summary>
    public TrainingSettings WithEpochs(int epochs)
    {
        var copy = (TrainingSettings)MemberwiseClone();
        copy.Epochs = epochs;
        return copy;
    }
}
