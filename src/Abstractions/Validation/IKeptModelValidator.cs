namespace NeuralNet.Validation;

/// <summary>
/// A validator that says which model the run keeps after training its splits (k-fold's <c>Keep</c> option). A
/// validator without this interface keeps the <see cref="KeptModel.Best"/> split's model. For
/// <see cref="KeptModel.Retrain"/> every split must have the same test indices (a test part shared by all, or none),
/// else the run stops before training.
/// </summary>
public interface IKeptModelValidator : ICrossValidator
{
    /// <summary>The model to keep.</summary>
    KeptModel Keep { get; }
}
