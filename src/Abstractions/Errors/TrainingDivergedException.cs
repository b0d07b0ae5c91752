namespace NeuralNet.Errors;

/// <summary>The loss became NaN or infinite; nothing of the run is saved.</summary>
public sealed class TrainingDivergedException(int epoch, int batch, float loss)
    : NeuralNetException($"Training diverged: loss is {loss} at epoch {epoch}, batch {batch}. Lower Experiment:Optimizer:LearningRate, normalise the features, or set Experiment:Training:ClipNorm.")
{
    public int Epoch { get; } = epoch;

    public int Batch { get; } = batch;

    public float Loss { get; } = loss;

    public override int ExitCode => 5;
}
