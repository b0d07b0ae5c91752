namespace NeuralNet.Layers;

/// <summary>
/// The mode of a forward pass, given to every layer: training (dropout drops, batch norm uses batch statistics and
/// updates its running ones) or evaluation, and which step it is, so random layers draw from a counter-based stream
/// that is a pure function of (seed, epoch, batch) and any run is reproducible for any thread count.
/// </summary>
/// <param name="Training">True while training; false in evaluation and inference.</param>
/// <param name="Epoch">The 1-based epoch of a training pass (0 outside training).</param>
/// <param name="Batch">The 1-based batch within the epoch (0 outside training).</param>
public readonly record struct ForwardContext(bool Training, int Epoch = 0, int Batch = 0)
{
    /// <summary>Evaluation mode: deterministic, no state updated.</summary>
    public static ForwardContext Evaluation => new(false);

    /// <summary>Training mode for batch <paramref name="batch"/> of epoch <paramref name="epoch"/>.</summary>
    public static ForwardContext Train(int epoch, int batch) => new(true, epoch, batch);
}
