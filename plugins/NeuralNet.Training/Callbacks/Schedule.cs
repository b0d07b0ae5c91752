namespace NeuralNet.Training.Callbacks;

/// <summary>
/// What the epoch-based learning-rate schedules share: the base rate is the optimizer's rate when training begins
/// (its configured <c>LearningRate</c>), and each epoch's rate is a pure function of the epoch, as PyTorch's
/// schedulers stepped once per epoch compute it, so a resumed run needs no schedule state. Not a component itself.
/// </summary>
public abstract class Schedule : ICallback
{
    private float _baseRate = float.NaN;

    /// <summary>The rate for the 0-based epoch index <paramref name="epochIndex"/> (PyTorch's <c>last_epoch</c>).</summary>
    public abstract double RateAt(double baseRate, int epochIndex);

    public virtual IEnumerable<string> Check(TrainingPlan plan) => [];

    public virtual void OnTrainBegin(TrainingContext context) => _baseRate = context.Optimizer.LearningRate;

    public void OnEpochBegin(TrainingContext context)
        => context.Optimizer.LearningRate = (float)RateAt(_baseRate, context.Epoch - 1);
}
