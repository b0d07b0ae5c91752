using NeuralNet.Optimizers;

namespace NeuralNet.Training;

/// <summary>
/// The training loop as callbacks see it: where it is, its history, the optimizer (for the learning rate), and the
/// services a callback may ask of it (stop, keep a copy of the weights, write a checkpoint). The engine implements it.
/// </summary>
public abstract class TrainingContext
{
    /// <summary>The split being trained (<c>holdout</c>, <c>fold-2</c>).</summary>
    public abstract string Split { get; }

    /// <summary>The current 1-based epoch (0 before the first).</summary>
    public abstract int Epoch { get; }

    /// <summary>Epochs configured.</summary>
    public abstract int Epochs { get; }

    /// <summary>The current 1-based batch within the epoch (0 between epochs).</summary>
    public abstract int Batch { get; }

    /// <summary>Batches per epoch.</summary>
    public abstract int BatchesPerEpoch { get; }

    /// <summary>Samples per training batch (the last batch of an epoch may be shorter).</summary>
    public abstract int BatchSize { get; }

    /// <summary>Training samples per epoch.</summary>
    public abstract int SamplesPerEpoch { get; }

    /// <summary>The metrics this run reports and their directions, and whether it validates every epoch.</summary>
    public abstract TrainingPlan Plan { get; }

    /// <summary>The optimizer; a schedule sets <see cref="IOptimizer.LearningRate"/>.</summary>
    public abstract IOptimizer Optimizer { get; }

    /// <summary>Every finished epoch so far (of a resumed run too).</summary>
    public abstract IReadOnlyList<EpochSummary> History { get; }

    /// <summary>Whether a callback asked training to stop after the current epoch.</summary>
    public abstract bool StopRequested { get; }

    /// <summary>Asks the loop to stop after the current epoch; <paramref name="reason"/> is logged and reported.</summary>
    public abstract void RequestStop(string reason);

    /// <summary>Keeps a copy of the model's state (parameters and buffers) under <paramref name="tag"/>; it is saved in checkpoints.</summary>
    public abstract void SaveSnapshot(string tag);

    /// <summary>Copies the state kept under <paramref name="tag"/> back into the model.</summary>
    /// <exception cref="InvalidOperationException">No snapshot has that tag.</exception>
    public abstract void RestoreSnapshot(string tag);

    /// <summary>Whether a snapshot is kept under <paramref name="tag"/>.</summary>
    public abstract bool HasSnapshot(string tag);

    /// <summary>
    /// Writes a checkpoint of the whole training state (model, optimizer, callbacks, history, position) named
    /// <paramref name="name"/> into the run's checkpoint folder, atomically; returns its path.
    /// </summary>
    public abstract string WriteCheckpoint(string name);

    /// <summary>Deletes the checkpoint named <paramref name="name"/> if it exists.</summary>
    public abstract void DeleteCheckpoint(string name);

    /// <summary>Writes a line to the run's log.</summary>
    public abstract void Log(string message);
}
