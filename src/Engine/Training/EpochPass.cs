namespace NeuralNet.Engine.Training;

/// <summary>What one training pass over an epoch (or the rest of one, after a resume) did.</summary>
/// <param name="LossSum">Sum of batch loss × batch size over the batches trained in this pass.</param>
/// <param name="Samples">Samples trained in this pass.</param>
/// <param name="Batches">Batches of the epoch done at the end of the pass, counting those before a resume.</param>
/// <param name="Seconds">Seconds the pass took.</param>
/// <param name="Interrupted">True when cancellation ended the pass before the epoch's last batch.</param>
/// <param name="Metrics">Training metrics over the batches of this pass.</param>
public sealed record EpochPass(double LossSum, long Samples, int Batches, double Seconds, bool Interrupted, Dictionary<string, double> Metrics);
