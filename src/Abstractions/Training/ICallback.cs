using System.Text.Json.Nodes;
using NeuralNet.Components;

namespace NeuralNet.Training;

/// <summary>
/// Extends the training loop without the loop knowing it by name, like Keras' <c>Callback</c>: early stopping,
/// learning-rate schedules, checkpoints, progress display. Configured per experiment
/// (<c>"Callbacks": [ { "Type": "early_stopping", "Monitor": "val_loss" } ]</c>); one instance per trained model.
/// </summary>
/// <remarks>
/// Calling order for one model: <see cref="Check"/> once before any data is trained; <see cref="OnTrainBegin"/>;
/// then, on a resumed run, <see cref="LoadState"/> with what <see cref="SaveState"/> returned when the checkpoint
/// was written; then per epoch <see cref="OnEpochBegin"/>, <see cref="OnBatchEnd"/> after every optimizer step, and
/// <see cref="OnEpochEnd"/> after validation; finally <see cref="OnTrainEnd"/>. Callbacks run in configuration order.
/// <see cref="OnBatchEnd"/> is on the hot path: it must not allocate.
/// </remarks>
[ComponentFamily("callback")]
public interface ICallback
{
    /// <summary>
    /// Problems with this callback's options that only the run can judge (a monitored name that is not a metric),
    /// as messages naming the option; empty when there are none. All callbacks' problems are reported together.
    /// </summary>
    IEnumerable<string> Check(TrainingPlan plan) => [];

    /// <summary>Before the first epoch (also before a resumed run continues).</summary>
    void OnTrainBegin(TrainingContext context) { }

    /// <summary>Before the epoch's first batch; a schedule sets the learning rate here.</summary>
    void OnEpochBegin(TrainingContext context) { }

    /// <summary>After the optimizer step of batch <see cref="TrainingContext.Batch"/>; <paramref name="loss"/> is that batch's mean loss. Must not allocate.</summary>
    void OnBatchEnd(TrainingContext context, float loss) { }

    /// <summary>After the epoch's validation; <paramref name="epoch"/> is also the last entry of <see cref="TrainingContext.History"/>.</summary>
    void OnEpochEnd(TrainingContext context, EpochSummary epoch) { }

    /// <summary>After the last epoch, or after a stop was requested. Not called when training is interrupted.</summary>
    void OnTrainEnd(TrainingContext context) { }

    /// <summary>The callback's state for a checkpoint (best value so far, epochs waited), or null when it has none.</summary>
    JsonObject? SaveState() => null;

    /// <summary>Restores what <see cref="SaveState"/> returned; called on resume after <see cref="OnTrainBegin"/>.</summary>
    void LoadState(JsonObject state) { }
}
