namespace NeuralNet.Losses;

/// <summary>How a loss wants a single-label classifier's targets (<see cref="ILoss.TargetEncoding"/>).</summary>
public enum TargetEncoding
{
    /// <summary>One row of one value per class (one-hot, or probabilities): <c>[batch, C]</c>, the predictions' shape.</summary>
    OneHot,

    /// <summary>
    /// One class index per sample, a float holding 0, 1, …, C − 1: <c>[batch, 1]</c> (one float per sample instead of
    /// C). The engine reads the data's classes as indices for such a loss, and still gives the metrics one-hot rows.
    /// </summary>
    ClassIndex,
}
