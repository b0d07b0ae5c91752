namespace NeuralNet.Validation;

/// <summary>Which model a run that trained several splits saves (<see cref="IKeptModelValidator.Keep"/>).</summary>
public enum KeptModel
{
    /// <summary>The split's model with the lowest validation loss (test loss when no split validates). The default.</summary>
    Best,

    /// <summary>The last split's model.</summary>
    Last,

    /// <summary>
    /// A new model trained on every training and validation sample of the splits (all but the shared test part), for
    /// the mean over splits of the epoch with the lowest validation loss, without validation.
    /// </summary>
    Retrain,
}
